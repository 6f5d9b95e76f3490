// Package peek takes batches without moving the queue.
package peek

type Item struct{ Key string }

type Queue struct {
	items []*Item
	rest  []*Item
}

func (q *Queue) Run() {}

func (q *Queue) Split(n int) []*Item {
	head := q.items[:n]
	q.rest = q.items[n:]
	return head
}
