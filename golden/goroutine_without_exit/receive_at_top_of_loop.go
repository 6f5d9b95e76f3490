package p

import (
	"context"
	"fmt"
)

func consume(ctx context.Context, in <-chan string) {
	for {
		msg := <-in // blocks forever once the producer is gone
		if msg == "" {
			continue
		}
		fmt.Println(ctx.Value("prefix"), msg)
	}
}

func Run(ctx context.Context, in <-chan string) {
	go consume(ctx, in) // want "goroutine never exits"
}
