package lostcancel

import "context"

// mustReceive blocks in a select without default: one case panics, the other
// cancels, so no path gets past the select without the cancel.
func mustReceive(parent context.Context, errs <-chan error, done <-chan struct{}) context.Context {
	ctx, cancel := context.WithCancel(parent)
	select {
	case err := <-errs:
		panic(err)
	case <-done:
		cancel()
	}
	return ctx
}
