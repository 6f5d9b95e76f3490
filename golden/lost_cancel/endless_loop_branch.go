package lostcancel

import (
	"context"
	"time"
)

// serveOrCancel either cancels or serves forever: the endless loop never
// returns, so the path through it does not leak.
func serveOrCancel(parent context.Context, once bool, work func(context.Context)) {
	ctx, cancel := context.WithCancel(parent)
	if once {
		work(ctx)
		cancel()
	} else {
		for {
			work(ctx)
			time.Sleep(time.Second)
		}
	}
}
