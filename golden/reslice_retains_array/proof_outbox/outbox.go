// Package outbox buffers outgoing mail in a package-level queue.
package outbox

// Mail is one message waiting to be sent.
type Mail struct {
	To   string
	Body []byte
}

var queue []*Mail

// Post queues m.
func Post(m *Mail) { queue = append(queue, m) }

// Len reports how many messages are queued.
func Len() int { return len(queue) }

// Flush sends up to batch queued messages and removes them from the queue.
func Flush(batch int, send func([]*Mail)) int {
	n := min(batch, len(queue))
	send(queue[:n])
	queue = queue[n:] // want "package variable"
	return n
}
