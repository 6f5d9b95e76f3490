// Package dispatcher hands captured log entries to a Sender using a pool of
// worker goroutines, retrying failed deliveries with a fixed backoff.
package dispatcher

import (
	"context"
	"log"
	"sync"
	"time"
)

// retryBatch is the largest number of entries re-sent in one retry pass.
const retryBatch = 64

// Dispatcher fans entries out to a Sender.
type Dispatcher struct {
	sender     Sender
	jobs       chan *Entry
	kick       chan struct{}
	done       chan struct{}
	maxRetries int
	backoff    time.Duration

	mu    sync.Mutex
	retry []*Entry
}

// New returns a Dispatcher with a queue of queueSize entries.
func New(sender Sender, queueSize, maxRetries int) *Dispatcher {
	return &Dispatcher{
		sender:     sender,
		jobs:       make(chan *Entry, queueSize),
		kick:       make(chan struct{}, 1),
		done:       make(chan struct{}),
		maxRetries: maxRetries,
		backoff:    500 * time.Millisecond,
	}
}

// Start launches n workers that deliver queued entries and drain retries.
func (d *Dispatcher) Start(n int) {
	for i := 0; i < n; i++ {
		go func() {
			for {
				select {
				case e := <-d.jobs:
					d.deliver(e)
				case <-d.kick:
					d.drainRetries()
				}
			}
		}()
	}
}

// Submit queues an entry, reporting false if the queue is full.
func (d *Dispatcher) Submit(e *Entry) bool {
	select {
	case d.jobs <- e:
		return true
	default:
		return false
	}
}

// Replay feeds previously captured entries back into the queue.
func (d *Dispatcher) Replay(parent context.Context, entries []*Entry) {
	ctx, _ := context.WithCancel(parent)
	go func() {
		for _, e := range entries {
			select {
			case <-ctx.Done():
				return
			case d.jobs <- e:
			}
		}
	}()
}

// deliver sends a single entry, queueing it for retry on failure.
func (d *Dispatcher) deliver(e *Entry) {
	e.Attempts++
	if err := d.sender.Send(context.Background(), []*Entry{e}); err != nil {
		d.requeue([]*Entry{e}, err)
	}
}

// drainRetries re-sends up to retryBatch entries from the retry queue.
func (d *Dispatcher) drainRetries() {
	d.mu.Lock()
	n := min(len(d.retry), retryBatch)
	batch := make([]*Entry, n)
	copy(batch, d.retry[:n])
	d.retry = d.retry[n:]
	d.mu.Unlock()

	if n == 0 {
		return
	}
	for _, e := range batch {
		e.Attempts++
	}
	if err := d.sender.Send(context.Background(), batch); err != nil {
		d.requeue(batch, err)
	}
}

// requeue puts failed entries back on the retry queue and schedules a pass.
func (d *Dispatcher) requeue(batch []*Entry, cause error) {
	d.mu.Lock()
	for _, e := range batch {
		if e.Attempts >= d.maxRetries {
			log.Printf("dispatcher: dropping entry from %s after %d attempts: %v", e.Source, e.Attempts, cause)
			continue
		}
		d.retry = append(d.retry, e)
	}
	d.mu.Unlock()

	time.AfterFunc(d.backoff, func() {
		select {
		case d.kick <- struct{}{}:
		default:
		}
	})
}

// Pending reports how many entries are waiting to be retried.
func (d *Dispatcher) Pending() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return len(d.retry)
}

// Stop signals the dispatcher to shut down.
func (d *Dispatcher) Stop() {
	close(d.done)
}
