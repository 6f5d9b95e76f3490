package lostcancel

import (
	"context"
	"time"
)

func uploadItem(ctx context.Context, item string) error {
	_ = item
	return ctx.Err()
}

// syncBeforeDeadline returns from inside the loop on the first failure and
// never reaches cancel.
func syncBeforeDeadline(parent context.Context, deadline time.Time, items []string) error {
	ctx, cancel := context.WithDeadline(parent, deadline) // want "context leak"
	for _, it := range items {
		if err := uploadItem(ctx, it); err != nil {
			return err
		}
	}
	cancel()
	return nil
}
