package p

import (
	"context"
	"log"
	"time"
)

// Heartbeat's goroutine ranges over time.Tick: rewriting it needs the ticker
// hoisted out of the loop, so the fix is only shown.
func Heartbeat(ctx context.Context) {
	go func() { // want "goroutine never exits"
		for range time.Tick(time.Minute) {
			log.Println("alive", ctx.Err())
		}
	}()
}
