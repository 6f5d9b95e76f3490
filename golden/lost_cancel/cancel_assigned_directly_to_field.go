package lostcancel

import "context"

type consumer struct {
	ctx    context.Context
	cancel context.CancelFunc
	msgs   chan string
}

// newConsumer assigns the cancel func straight into a field.
func newConsumer(parent context.Context) *consumer {
	c := &consumer{msgs: make(chan string, 16)}
	c.ctx, c.cancel = context.WithCancel(parent)
	return c
}

// Open re-arms an existing consumer, again storing cancel in the field.
func (c *consumer) Open(parent context.Context) context.Context {
	var ctx context.Context
	ctx, c.cancel = context.WithCancel(parent)
	c.ctx = ctx
	return ctx
}

func (c *consumer) Close() {
	c.cancel()
}
