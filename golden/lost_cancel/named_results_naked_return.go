package lostcancel

import "context"

// scoped hands the cancel func back through a named result and a naked return.
func scoped(parent context.Context) (ctx context.Context, cancel context.CancelFunc) {
	ctx, cancel = context.WithCancel(parent)
	return
}
