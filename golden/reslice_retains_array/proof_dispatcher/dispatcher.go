// Package dispatcher hands failed jobs back to a sender in batches.
package dispatcher

import "sync"

// Job is a unit of work waiting to be retried.
type Job struct {
	ID      int
	Payload []byte
}

// Dispatcher queues jobs for retry until it is closed.
type Dispatcher struct {
	mu    sync.Mutex
	retry []*Job
	stop  chan struct{}
}

// New returns a dispatcher with an empty retry queue.
func New() *Dispatcher { return &Dispatcher{stop: make(chan struct{})} }

// Close stops the dispatcher.
func (d *Dispatcher) Close() { close(d.stop) }

// Add queues j for retry.
func (d *Dispatcher) Add(j *Job) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.retry = append(d.retry, j)
}

// Pending reports how many jobs are queued.
func (d *Dispatcher) Pending() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return len(d.retry)
}

// Drain hands up to max queued jobs to send and removes them from the queue.
func (d *Dispatcher) Drain(max int, send func([]*Job)) int {
	d.mu.Lock()
	defer d.mu.Unlock()
	n := min(max, len(d.retry))
	send(d.retry[:n])
	d.retry = d.retry[n:] // want "backing array"
	return n
}
