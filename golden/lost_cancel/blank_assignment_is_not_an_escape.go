package lostcancel

import "context"

func warmup(ctx context.Context) error { return ctx.Err() }

// prime keeps ctx "used" with a blank assignment; that hands the context to
// no one, so deferring the cancel is safe.
func prime(parent context.Context) error {
	ctx, _ := context.WithCancel(parent) // want "context leak"
	_ = ctx
	return warmup(ctx)
}
