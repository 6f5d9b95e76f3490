package lostcancel

import (
	"context"
	"time"
)

func prefetch(ctx context.Context, url string) {
	_ = url
	_ = ctx.Err()
}

// warmCaches reuses one cancel variable for every iteration, so only the last
// per-URL context is ever cancelled; each earlier timer lives for 2s.
func warmCaches(parent context.Context, urls []string) {
	var cancel context.CancelFunc
	for _, u := range urls {
		var ctx context.Context
		ctx, cancel = context.WithTimeout(parent, 2*time.Second) // want "context leak"
		prefetch(ctx, u)
	}
	if cancel != nil {
		cancel()
	}
}
