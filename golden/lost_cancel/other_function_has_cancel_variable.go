package lostcancel

import (
	"context"
	"time"
)

func scanPort(ctx context.Context, port int) bool {
	return ctx.Err() == nil && port > 0
}

// scanPorts uses a context cancel func correctly.
func scanPorts(parent context.Context, ports []int) []int {
	ctx, cancel := context.WithTimeout(parent, 3*time.Second)
	defer cancel()
	var open []int
	for _, p := range ports {
		if scanPort(ctx, p) {
			open = append(open, p)
		}
	}
	return open
}

// pumpUntilCancelled has its own, unrelated variable named cancel (a channel).
func pumpUntilCancelled(in <-chan int, out chan<- int) int {
	cancel := make(chan struct{})
	n := 0
	for v := range in {
		if v < 0 {
			close(cancel)
			break
		}
		out <- v
		n++
	}
	select {
	case <-cancel:
		return -n
	default:
		return n
	}
}
