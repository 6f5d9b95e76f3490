// Package consumer counts non-empty messages read from a channel.
package consumer

import (
	"context"
	"sync/atomic"
)

var seen atomic.Int64

// Seen reports how many messages were consumed.
func Seen() int64 { return seen.Load() }

func consume(ctx context.Context, in <-chan string) {
	for {
		msg := <-in
		if msg == "" || ctx.Err() != nil {
			continue
		}
		seen.Add(1)
	}
}

// Run consumes in the background; the receive at the top of the loop
// waits forever once nobody sends, cancelled or not.
func Run(ctx context.Context, in <-chan string) {
	go consume(ctx, in) // want "goroutine never exits"
}
