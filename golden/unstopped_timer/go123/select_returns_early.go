package cases

import (
	"context"
	"errors"
	"time"
)

// With go 1.23 in go.mod the unreferenced timer is collected: not reported.
func await(ctx context.Context, done <-chan struct{}) error {
	t := time.NewTimer(time.Minute)
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return errors.New("timed out")
	}
}
