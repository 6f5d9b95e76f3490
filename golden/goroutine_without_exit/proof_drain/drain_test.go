package drain

import (
	"testing"

	"go.uber.org/goleak"
)

func TestDrainStopsWhenStopChannelCloses(t *testing.T) {
	defer goleak.VerifyNone(t)
	stop := make(chan struct{})
	in := make(chan int)
	got := make(chan int, 1)
	Start(stop, in, func(v int) { got <- v })
	in <- 7
	if v := <-got; v != 7 {
		t.Fatalf("got %d, want 7", v)
	}
	close(stop)
}
