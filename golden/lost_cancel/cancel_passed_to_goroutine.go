package lostcancel

import (
	"context"
	"time"
)

// watchdog cancels the context when no heartbeat arrives in time.
func watchdog(ctx context.Context, cancel context.CancelFunc, beats <-chan struct{}, limit time.Duration) {
	defer cancel()
	t := time.NewTimer(limit)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-beats:
			t.Reset(limit)
		case <-t.C:
			return
		}
	}
}

// superviseStream hands cancel to the watchdog goroutine, which owns it.
func superviseStream(parent context.Context, beats <-chan struct{}) context.Context {
	ctx, cancel := context.WithCancel(parent)
	go watchdog(ctx, cancel, beats, 10*time.Second)
	return ctx
}
