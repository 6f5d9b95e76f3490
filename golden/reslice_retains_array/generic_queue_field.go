// Package fifo is a generic queue served by a long-lived owner.
package fifo

type Queue[T any] struct {
	items []T
}

func (q *Queue[T]) Close() {}

func (q *Queue[T]) DropFront(n int) {
	q.items = q.items[n:] // want "items is a field of Queue"
}
