package p

import (
	"sync/atomic"
	"time"
)

type Poller struct {
	running atomic.Bool
	polls   atomic.Int64
}

// The loop condition is the exit: Stop clears running.
func (p *Poller) Start() {
	p.running.Store(true)
	go func() {
		for p.running.Load() {
			p.polls.Add(1)
			time.Sleep(10 * time.Millisecond)
		}
	}()
}

func (p *Poller) Stop() { p.running.Store(false) }
