package p

import (
	"context"
	"log"
)

type Event struct{ Name string }

func handle(ctx context.Context, e Event) {
	if ctx.Err() == nil {
		log.Println(e.Name)
	}
}

// Start handles events until... nothing: the loop has no way out.
func Start(ctx context.Context, events <-chan Event) {
	go func() { // want "goroutine never exits"
		for {
			select {
			case e := <-events:
				handle(ctx, e)
			}
		}
	}()
}
