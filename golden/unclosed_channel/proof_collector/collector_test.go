package collector

import (
	"testing"
	"time"

	"go.uber.org/goleak"
)

func TestCollectReturns(t *testing.T) {
	defer goleak.VerifyNone(t)
	got := make(chan []string, 1)
	go func() { got <- Collect([]string{"a", "b"}) }()
	select {
	case out := <-got:
		if len(out) != 2 || out[0] != "A" || out[1] != "B" {
			t.Fatalf("Collect = %q, want [A B]", out)
		}
	case <-time.After(500 * time.Millisecond):
		t.Error("Collect never returned: its range waits for a close that never comes")
	}
}
