package lostcancel

import (
	"context"
	"time"
)

func chargeCard(ctx context.Context, cents int64) (string, error) {
	_ = cents
	return "txn-1", ctx.Err()
}

// charge calls cancel explicitly in both branches of the if/else.
func charge(parent context.Context, cents int64) (string, error) {
	ctx, cancel := context.WithTimeout(parent, 10*time.Second)
	id, err := chargeCard(ctx, cents)
	if err != nil {
		cancel()
		return "", err
	} else {
		cancel()
	}
	return id, nil
}
