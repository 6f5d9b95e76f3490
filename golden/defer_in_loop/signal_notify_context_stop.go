package cases

import (
	"context"
	"os"
	"os/signal"
)

func runSteps(steps []func(context.Context) error) error {
	var firstErr error
	for _, step := range steps {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
		defer stop() // want `defer stop\(\) inside a loop runs only when the function returns: ctx from every iteration stays uncancelled`
		if err := step(ctx); err != nil && firstErr == nil {
			firstErr = err
		}
	}
	return firstErr
}
