package lostcancel

import (
	"context"
	"time"
)

type task struct {
	Name string
	Skip bool
}

func runTask(ctx context.Context, t task) error {
	_ = t
	return ctx.Err()
}

// runTasks skips disabled tasks with continue before the cancel call.
func runTasks(parent context.Context, tasks []task) []error {
	var errs []error
	for _, t := range tasks {
		ctx, cancel := context.WithTimeout(parent, time.Second) // want "context leak"
		if t.Skip {
			continue
		}
		if err := runTask(ctx, t); err != nil {
			errs = append(errs, err)
		}
		cancel()
	}
	return errs
}
