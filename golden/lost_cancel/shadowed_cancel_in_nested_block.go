package lostcancel

import (
	"context"
	"errors"
	"log"
)

var errBatchTooLarge = errors.New("batch too large")

func loadKeys(ctx context.Context, keys []string) error {
	_ = keys
	return ctx.Err()
}

// refreshKeys: the inner cancel is a different variable; calling it does not
// release the context created above.
func refreshKeys(parent context.Context, keys []string) error {
	ctx, cancel := context.WithCancel(parent) // want "context leak"
	if len(keys) > 100 {
		cancel := func() { log.Printf("refresh aborted: %d keys", len(keys)) }
		cancel()
		return errBatchTooLarge
	}
	err := loadKeys(ctx, keys)
	cancel()
	return err
}
