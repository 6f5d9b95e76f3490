package lostcancel

import (
	"context"
	"time"
)

// cleaner is satisfied by *testing.T, *testing.B and test fixtures.
type cleaner interface {
	Cleanup(func())
}

// fixtureContext ties the context's lifetime to the fixture.
func fixtureContext(c cleaner, budget time.Duration) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), budget)
	c.Cleanup(cancel)
	return ctx
}
