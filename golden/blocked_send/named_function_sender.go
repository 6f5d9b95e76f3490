package p

import "context"

func produce(out chan<- int) { out <- 42 }

// produce is not a func literal: what it does with the channel is not
// followed, so nothing is reported.
func Produce(ctx context.Context) (int, error) {
	ch := make(chan int)
	go produce(ch)
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}
