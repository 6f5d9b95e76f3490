package resolver

import (
	"context"
	"testing"

	"go.uber.org/goleak"
)

func TestResolveGivesUpWithoutLeaking(t *testing.T) {
	defer goleak.VerifyNone(t)
	gate := make(chan struct{})
	r := &Resolver{Lookup: func(name string) string {
		<-gate // the lookup finishes only after Resolve has given up
		return name
	}}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := r.Resolve(ctx, "example.org"); err != context.Canceled {
		t.Fatalf("Resolve error = %v, want context.Canceled", err)
	}
	close(gate) // now the lookup's goroutine sends its answer to nobody
}
