package p

import (
	"context"
	"time"
)

type Sampler struct {
	ctx     context.Context
	samples []time.Time
}

func NewSampler(ctx context.Context) *Sampler {
	return &Sampler{ctx: ctx}
}

func (s *Sampler) Start() {
	go s.sample() // want "goroutine never exits"
}

func (s *Sampler) sample() {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for now := range t.C {
		s.samples = append(s.samples, now)
	}
}
