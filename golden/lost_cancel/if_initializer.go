package lostcancel

import (
	"context"
	"time"
)

func probeAddr(ctx context.Context, addr string) error {
	_ = addr
	return ctx.Err()
}

// healthCheck declares the context in the if initializer: the deep branch
// returns without cancelling. Reported, but no fix is offered.
func healthCheck(parent context.Context, addr string, deep bool) error {
	if ctx, cancel := context.WithTimeout(parent, time.Second); deep { // want "context leak"
		return probeAddr(ctx, addr)
	} else {
		cancel()
	}
	return nil
}
