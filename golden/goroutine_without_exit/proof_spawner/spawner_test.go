package spawner

import (
	"context"
	"testing"

	"go.uber.org/goleak"
)

func TestCancelStopsRunner(t *testing.T) {
	defer goleak.VerifyNone(t)
	jobs := make(chan Job)
	ran := make(chan int, 1)
	cancel := Spawn(context.Background(), jobs, func(_ context.Context, j Job) { ran <- j.ID })
	jobs <- Job{ID: 1}
	if id := <-ran; id != 1 {
		t.Fatalf("ran job %d, want 1", id)
	}
	cancel()
}
