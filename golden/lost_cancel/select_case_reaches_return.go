package lostcancel

import (
	"context"
	"time"
)

func emit(ctx context.Context, v int) error { _ = v; return ctx.Err() }

// forward cancels only when the value could be sent; the tick case reaches
// the end of the function without it.
func forward(parent context.Context, in <-chan int, tick <-chan time.Time) {
	ctx, cancel := context.WithCancel(parent) // want "context leak"
	select {
	case v := <-in:
		_ = emit(ctx, v)
		cancel()
	case <-tick:
		_ = emit(ctx, 0)
	}
}
