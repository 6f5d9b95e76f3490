package cases

import (
	"context"
	"errors"
	"time"
)

var errIdle = errors.New("idle")

func consume(ctx context.Context, in <-chan int, handle func(int)) error {
	for {
		select {
		case m := <-in:
			handle(m)
		case <-time.After(time.Minute): // want "time.After in a loop"
			return errIdle
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}
