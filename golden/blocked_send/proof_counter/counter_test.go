package counter

import (
	"testing"
	"time"

	"go.uber.org/goleak"
)

func TestCountTimesOutWithoutLeaking(t *testing.T) {
	defer goleak.VerifyNone(t)
	gate := make(chan struct{})
	slow := func() (int, error) {
		<-gate // finishes only after Count has timed out
		return 3, nil
	}
	if _, err := Count(slow, time.Millisecond); err != ErrTimeout {
		t.Fatalf("Count error = %v, want ErrTimeout", err)
	}
	close(gate)
}
