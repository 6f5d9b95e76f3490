package cases

import (
	"context"
	"errors"
	"time"
)

var errIdle = errors.New("idle")

// go 1.23 in go.mod: unreferenced timers are collected, nothing to report.
func consume(ctx context.Context, in <-chan int, handle func(int)) error {
	for {
		select {
		case m := <-in:
			handle(m)
		case <-time.After(time.Minute):
			return errIdle
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}
