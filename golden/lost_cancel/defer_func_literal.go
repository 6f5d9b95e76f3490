package lostcancel

import (
	"context"
	"log"
	"time"
)

func replayLog(ctx context.Context, entries []string) (int, error) {
	for i := range entries {
		if err := ctx.Err(); err != nil {
			return i, err
		}
	}
	return len(entries), nil
}

// recoverState cancels from a deferred closure that also logs the duration.
func recoverState(parent context.Context, entries []string) (int, error) {
	start := time.Now()
	ctx, cancel := context.WithCancel(parent)
	defer func() {
		cancel()
		log.Printf("recovery took %s", time.Since(start))
	}()
	return replayLog(ctx, entries)
}
