package lostcancel

import (
	"context"
	"time"
)

func checkEndpoint(ctx context.Context, url string) bool {
	_ = url
	return ctx.Err() == nil
}

// probeAll gives each endpoint its own budget and releases it every iteration.
func probeAll(parent context.Context, urls []string) map[string]bool {
	up := make(map[string]bool, len(urls))
	for _, u := range urls {
		ctx, cancel := context.WithTimeout(parent, 500*time.Millisecond)
		up[u] = checkEndpoint(ctx, u)
		cancel()
	}
	return up
}
