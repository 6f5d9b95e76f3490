package p

import "context"

// No loop at all: the goroutine ends after one receive or cancellation.
func Once(ctx context.Context, ch <-chan int, got func(int)) {
	go func() {
		select {
		case v := <-ch:
			got(v)
		case <-ctx.Done():
		}
	}()
}
