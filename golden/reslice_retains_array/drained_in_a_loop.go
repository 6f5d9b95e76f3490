// Package flusher drains its whole queue batch by batch in one loop: copying the rest on
// every pass would be quadratic, so the copy is only shown.
package flusher

type Entry struct{ Line string }

type Flusher struct {
	queue []*Entry
}

func (f *Flusher) Close() {}

func (f *Flusher) FlushAll(write func([]*Entry)) {
	for len(f.queue) > 0 {
		n := min(64, len(f.queue))
		write(f.queue[:n])
		f.queue = f.queue[n:] // want "queue is a field of Flusher"
	}
}
