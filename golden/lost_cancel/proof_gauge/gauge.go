// Package gauge checksums data while tracking in-flight operations in a
// gauge that is decremented when the operation's context is done.
package gauge

import (
	"context"
	"hash/crc32"
	"sync/atomic"
)

var inflight atomic.Int32

// Inflight reports the number of operations still counted as running.
func Inflight() int32 { return inflight.Load() }

func track(ctx context.Context) {
	inflight.Add(1)
	defer inflight.Add(-1)
	<-ctx.Done()
}

// beginTracking counts an operation as in flight until ctx is done.
func beginTracking(ctx context.Context) {
	go track(ctx)
}

// Checksum discards the cancel func, so the tracking goroutine never ends.
func Checksum(chunks [][]byte) uint32 {
	ctx, _ := context.WithCancel(context.Background()) // want "context leak"
	beginTracking(ctx)
	h := crc32.NewIEEE()
	for _, c := range chunks {
		h.Write(c)
	}
	return h.Sum32()
}
