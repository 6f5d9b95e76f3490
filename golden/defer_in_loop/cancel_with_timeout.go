package cases

import (
	"context"
	"time"
)

func pingAll(parent context.Context, hosts []string, ping func(context.Context, string) error) int {
	failures := 0
	for _, h := range hosts {
		ctx, cancel := context.WithTimeout(parent, time.Second)
		defer cancel() // want `defer cancel\(\) inside a loop runs only when the function returns: ctx from every iteration stays uncancelled`
		if err := ping(ctx, h); err != nil {
			failures++
		}
	}
	return failures
}
