package lostcancel

import (
	"context"
	"errors"
	"time"
)

func handleGet(ctx context.Context, path string) error {
	_ = path
	return ctx.Err()
}

func handlePost(ctx context.Context, path string) error {
	_ = path
	return ctx.Err()
}

// routeRequest declares the context in the switch initializer; only GET
// releases it. Reported, but no fix is offered.
func routeRequest(parent context.Context, method, path string) error {
	switch ctx, cancel := context.WithTimeout(parent, time.Second); method { // want "context leak"
	case "GET":
		defer cancel()
		return handleGet(ctx, path)
	case "POST":
		return handlePost(ctx, path)
	}
	return errors.New("method not allowed")
}
