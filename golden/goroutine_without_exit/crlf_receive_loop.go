package p

import "context"

func Pump(ctx context.Context, in <-chan int, out func(int)) {
	go func() { // want "goroutine never exits"
		for {
			v := <-in
			out(v)
			_ = ctx
		}
	}()
}
