package consumer

import (
	"context"
	"testing"

	"go.uber.org/goleak"
)

func TestRunStopsWithContext(t *testing.T) {
	defer goleak.VerifyNone(t)
	ctx, cancel := context.WithCancel(context.Background())
	in := make(chan string)
	Run(ctx, in)
	in <- "hello"
	cancel()
}
