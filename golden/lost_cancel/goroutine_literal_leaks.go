package lostcancel

import (
	"context"
	"log"
)

func warm(ctx context.Context, key string) { _ = key; _ = ctx.Err() }

// prewarm's goroutine derives a context whose cancel is used only under a
// condition; the literal's end is reached without it.
func prewarm(parent context.Context, keys []string, verbose bool) {
	go func() {
		ctx, cancel := context.WithCancel(parent) // want "context leak"
		for _, k := range keys {
			warm(ctx, k)
		}
		if verbose {
			log.Print("prewarm done")
			cancel()
		}
	}()
}
