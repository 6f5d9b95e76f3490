package p

import "context"

func Watch(ctx context.Context, events <-chan string, seen func(string)) {
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case e := <-events:
				seen(e)
			}
		}
	}()
}
