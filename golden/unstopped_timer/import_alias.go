package cases

import (
	"context"
	clock "time"
)

func wait(ctx context.Context, ready <-chan struct{}) bool {
	t := clock.NewTimer(5 * clock.Second) // want "timer t from clock.NewTimer"
	select {
	case <-ready:
		return true
	case <-ctx.Done():
	case <-t.C:
	}
	return false
}
