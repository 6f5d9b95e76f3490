package p

import (
	"context"
	"time"
)

func Ping(ctx context.Context, ping func() time.Duration) (time.Duration, error) {
	rtt := make(chan time.Duration)
	go func(out chan<- time.Duration) {
		out <- ping() // want "blocks forever"
	}(rtt)
	select {
	case d := <-rtt:
		return d, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}
