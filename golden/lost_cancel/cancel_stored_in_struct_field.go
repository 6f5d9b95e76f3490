package lostcancel

import (
	"context"
	"sync"
)

type poller struct {
	mu     sync.Mutex
	cancel context.CancelFunc
	ticks  chan struct{}
}

func (p *poller) loop(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-p.ticks:
		}
	}
}

// Start keeps the cancel func in the struct; Stop calls it.
func (p *poller) Start(parent context.Context) {
	ctx, cancel := context.WithCancel(parent)
	p.mu.Lock()
	p.cancel = cancel
	p.mu.Unlock()
	go p.loop(ctx)
}

func (p *poller) Stop() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.cancel != nil {
		p.cancel()
		p.cancel = nil
	}
}
