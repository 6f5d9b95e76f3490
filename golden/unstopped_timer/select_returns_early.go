package cases

import (
	"context"
	"errors"
	"time"
)

// When done or ctx wins, the one-minute timer stays armed until it fires.
func await(ctx context.Context, done <-chan struct{}) error {
	t := time.NewTimer(time.Minute) // want "timer t from time.NewTimer is not stopped on every path \\(the return on line 14 skips it\\)"
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return errors.New("timed out")
	}
}
