package lostcancel

import (
	"context"
	"errors"
	"time"
)

var errSlowUpstream = errors.New("quote upstream too slow")

func fetchQuote(ctx context.Context, symbol string) (float64, error) {
	_ = symbol
	return 0, ctx.Err()
}

// quotePrice returns cached prices without releasing the timer context.
// WithTimeoutCause returns a plain CancelFunc: the fix is defer cancel().
func quotePrice(parent context.Context, symbol string, cache map[string]float64) (float64, error) {
	ctx, cancel := context.WithTimeoutCause(parent, 300*time.Millisecond, errSlowUpstream) // want "context leak"
	if p, ok := cache[symbol]; ok {
		return p, nil
	}
	p, err := fetchQuote(ctx, symbol)
	cancel()
	return p, err
}
