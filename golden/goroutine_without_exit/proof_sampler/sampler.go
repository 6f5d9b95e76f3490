// Package sampler records a timestamp on every tick of a ticker.
package sampler

import (
	"context"
	"sync"
	"time"
)

// Sampler samples until its context ends (or should).
type Sampler struct {
	ctx     context.Context
	every   time.Duration
	mu      sync.Mutex
	samples []time.Time
}

// New returns a sampler bound to ctx.
func New(ctx context.Context, every time.Duration) *Sampler {
	return &Sampler{ctx: ctx, every: every}
}

// Start begins sampling in the background.
func (s *Sampler) Start() {
	go s.sample() // want "goroutine never exits"
}

// Count reports the number of samples taken.
func (s *Sampler) Count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.samples)
}

func (s *Sampler) sample() {
	t := time.NewTicker(s.every)
	defer t.Stop()
	for now := range t.C {
		s.mu.Lock()
		s.samples = append(s.samples, now)
		s.mu.Unlock()
	}
}
