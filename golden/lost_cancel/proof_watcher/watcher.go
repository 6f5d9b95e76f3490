// Package watcher counts the paths it was asked to watch while holding a
// lease that is released when the watch context is done.
package watcher

import (
	"context"
	"errors"
	"sync/atomic"
)

var leases atomic.Int32

// Leases reports how many leases are currently held.
func Leases() int32 { return leases.Load() }

func holdLease(ctx context.Context) {
	leases.Add(1)
	defer leases.Add(-1)
	<-ctx.Done()
}

// acquireLease holds a lease until ctx is done.
func acquireLease(ctx context.Context) {
	go holdLease(ctx)
}

// Watch cancels only on the error path: on success the lease goroutine waits
// on ctx.Done() forever.
func Watch(paths []string) (int, error) {
	ctx, cancel := context.WithCancel(context.Background()) // want "context leak"
	acquireLease(ctx)
	n := 0
	for _, p := range paths {
		if p == "" {
			cancel()
			return n, errors.New("watcher: empty path")
		}
		n++
	}
	return n, nil
}
