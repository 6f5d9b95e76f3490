package lostcancel

import (
	"context"
	"errors"
)

var errStreamClosed = errors.New("stream closed")

func consumeStream(ctx context.Context, frames <-chan []byte) (int, error) {
	n := 0
	for {
		select {
		case <-ctx.Done():
			return n, context.Cause(ctx)
		case f, ok := <-frames:
			if !ok {
				return n, errStreamClosed
			}
			n += len(f)
		}
	}
}

// readStream drops a CancelCauseFunc; a `var` inserted by the fix must use
// the type context.CancelCauseFunc and the deferred call needs an argument.
func readStream(ctx context.Context, frames <-chan []byte) (int, error) {
	ctx, _ = context.WithCancelCause(ctx) // want "context leak"
	return consumeStream(ctx, frames)
}
