package p

import "context"

// A bare `return` would not compile here: the fix is only shown.
func loop(ctx context.Context, in <-chan int) int {
	total := 0
	for {
		select {
		case v := <-in:
			total += v
		}
	}
}

func StartLoop(ctx context.Context, in <-chan int) {
	go loop(ctx, in) // want "goroutine never exits"
}
