package events

import (
	"context"
	"testing"

	"go.uber.org/goleak"
)

func TestStartStopsWithContext(t *testing.T) {
	defer goleak.VerifyNone(t)
	ctx, cancel := context.WithCancel(context.Background())
	events := make(chan Event)
	Start(ctx, events)
	events <- Event{Name: "boot"} // the dispatcher is running
	cancel()
}
