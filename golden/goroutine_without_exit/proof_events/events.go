// Package events dispatches events to a handler until its context ends.
package events

import (
	"context"
	"sync/atomic"
)

// Event is something that happened.
type Event struct{ Name string }

var handled atomic.Int64

// Handled reports how many events were dispatched.
func Handled() int64 { return handled.Load() }

func dispatch(ctx context.Context, e Event) {
	if ctx.Err() == nil && e.Name != "" {
		handled.Add(1)
	}
}

// Start dispatches events in the background; the loop never ends, even
// after ctx is cancelled.
func Start(ctx context.Context, events <-chan Event) {
	go func() { // want "goroutine never exits"
		for {
			select {
			case e := <-events:
				dispatch(ctx, e)
			}
		}
	}()
}
