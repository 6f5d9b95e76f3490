package lostcancel

import "context"

func fireHooks(ctx context.Context, hooks []string) int {
	sent := 0
	for range hooks {
		if ctx.Err() != nil {
			break
		}
		sent++
	}
	return sent
}

// notifyAll only cancels when the caller asked to wait.
func notifyAll(parent context.Context, hooks []string, wait bool) int {
	ctx, cancel := context.WithCancel(parent) // want "context leak"
	n := fireHooks(ctx, hooks)
	if wait {
		cancel()
	}
	return n
}
