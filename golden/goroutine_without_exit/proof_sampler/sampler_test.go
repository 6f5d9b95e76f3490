package sampler

import (
	"context"
	"testing"
	"time"

	"go.uber.org/goleak"
)

func TestSamplerStopsWithContext(t *testing.T) {
	defer goleak.VerifyNone(t)
	ctx, cancel := context.WithCancel(context.Background())
	s := New(ctx, time.Hour)
	s.Start()
	cancel()
	if n := s.Count(); n != 0 {
		t.Fatalf("Count() = %d before the first tick", n)
	}
}
