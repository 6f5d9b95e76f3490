package p

import "context"

// The goroutine sends many values: a buffer of one does not save it.
func FirstEven(ctx context.Context, nums []int) (int, error) {
	evens := make(chan int)
	go func() {
		for _, n := range nums {
			if n%2 == 0 {
				evens <- n // want "blocks forever"
			}
		}
	}()
	select {
	case n := <-evens:
		return n, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}
