// Package outbox clears the drained batch before moving the queue.
package outbox

type Mail struct{ To string }

type Outbox struct {
	queue []*Mail
}

func (o *Outbox) Close() {}

func (o *Outbox) Drop(n int) {
	clear(o.queue[:n])
	o.queue = o.queue[n:]
}
