package dispatcher

import (
	"runtime"
	"sync/atomic"
	"testing"
	"time"
)

// TestDrainedJobsAreCollected drains all but one job and checks that the garbage
// collector can free the drained ones while the dispatcher (and its queue) lives on.
func TestDrainedJobsAreCollected(t *testing.T) {
	d := New()
	defer d.Close()
	var finalized atomic.Int32
	const total = 64
	for i := 0; i < total; i++ {
		j := &Job{ID: i, Payload: make([]byte, 1024)}
		runtime.SetFinalizer(j, func(*Job) { finalized.Add(1) })
		d.Add(j)
	}
	drained := 0
	for d.Pending() > 1 {
		drained += d.Drain(min(8, d.Pending()-1), func([]*Job) {})
	}
	for i := 0; i < 50 && int(finalized.Load()) < drained; i++ {
		runtime.GC()
		time.Sleep(time.Millisecond)
	}
	if got := int(finalized.Load()); got < drained {
		t.Fatalf("only %d of %d drained jobs were garbage collected: the retry queue's "+
			"backing array still points to them", got, drained)
	}
	runtime.KeepAlive(d)
}
