package p

import "context"

// The goroutine is the receiver here: a blocked receive, not a blocked send.
func Hand(ctx context.Context, v int, use func(int)) error {
	ch := make(chan int)
	go func() {
		use(<-ch)
	}()
	select {
	case ch <- v:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
