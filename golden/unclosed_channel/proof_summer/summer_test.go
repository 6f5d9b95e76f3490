package summer

import (
	"testing"
	"time"

	"go.uber.org/goleak"
)

func TestSumDelivers(t *testing.T) {
	defer goleak.VerifyNone(t)
	select {
	case s := <-Sum([]int{1, 2, 3}):
		if s != 6 {
			t.Fatalf("Sum = %d, want 6", s)
		}
	case <-time.After(500 * time.Millisecond):
		t.Error("no total: the adder's range waits for a close that never comes")
	}
}
