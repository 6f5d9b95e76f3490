package cases

import (
	"context"
	"time"
)

func await(ctx context.Context, done <-chan struct{}) error {
	t := time.NewTimer(time.Minute)
	defer t.Stop()
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return context.DeadlineExceeded
	}
}
