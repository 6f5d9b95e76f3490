package outbox

import (
	"runtime"
	"sync/atomic"
	"testing"
	"time"
)

// TestFlushedMailIsCollected flushes all but one message and checks that the garbage
// collector can free the flushed ones while the queue still holds the last.
func TestFlushedMailIsCollected(t *testing.T) {
	var finalized atomic.Int32
	for i := 0; i < 32; i++ {
		m := &Mail{To: "ops@example.com", Body: make([]byte, 2048)}
		runtime.SetFinalizer(m, func(*Mail) { finalized.Add(1) })
		Post(m)
	}
	flushed := 0
	for Len() > 1 {
		flushed += Flush(min(5, Len()-1), func([]*Mail) {})
	}
	for i := 0; i < 50 && int(finalized.Load()) < flushed; i++ {
		runtime.GC()
		time.Sleep(time.Millisecond)
	}
	if got := int(finalized.Load()); got < flushed {
		t.Fatalf("only %d of %d flushed messages were garbage collected: the queue's "+
			"backing array still points to them", got, flushed)
	}
}
