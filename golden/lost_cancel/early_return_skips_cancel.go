package lostcancel

import (
	"context"
	"errors"
	"time"
)

type job struct {
	ID      string
	Payload []byte
}

func runJobs(ctx context.Context, jobs []job) error {
	for range jobs {
		if err := ctx.Err(); err != nil {
			return err
		}
	}
	return nil
}

// processBatch cancels at the end, but the validation error returns first.
func processBatch(parent context.Context, jobs []job) error {
	ctx, cancel := context.WithTimeout(parent, 30*time.Second) // want "context leak"
	if len(jobs) == 0 {
		return errors.New("empty batch")
	}
	err := runJobs(ctx, jobs)
	cancel()
	return err
}
