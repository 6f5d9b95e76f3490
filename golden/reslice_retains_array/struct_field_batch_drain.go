// Package dispatch retries failed jobs in batches from a long-lived dispatcher.
package dispatch

import "sync"

type Job struct {
	ID      int
	Payload []byte
}

type Dispatcher struct {
	mu    sync.Mutex
	retry []*Job
	send  func([]*Job)
	stop  chan struct{}
}

func (d *Dispatcher) Run() {
	for {
		select {
		case <-d.stop:
			return
		default:
			d.drain(16)
		}
	}
}

func (d *Dispatcher) drain(max int) {
	d.mu.Lock()
	defer d.mu.Unlock()
	n := min(max, len(d.retry))
	d.send(d.retry[:n])
	d.retry = d.retry[n:] // want `keeps the dropped elements in the backing array, and everything they point to, alive: retry is a field of Dispatcher, which looks long-lived \(it has a Run method\)`
}
