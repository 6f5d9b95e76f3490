package lostcancel

import (
	"context"
	"time"
)

func pushReplica(ctx context.Context, addr string, payload []byte) error {
	_ = addr
	_ = payload
	return ctx.Err()
}

// mirrorWrite already uses the name cancel, so the fix for the discarded
// cancel of the backup write must pick a fresh name (cancel2).
func mirrorWrite(parent context.Context, primary, backup string, payload []byte) error {
	ctx, cancel := context.WithTimeout(parent, time.Second)
	defer cancel()
	if err := pushReplica(ctx, primary, payload); err != nil {
		return err
	}
	bctx, _ := context.WithTimeout(parent, 5*time.Second) // want "context leak"
	return pushReplica(bctx, backup, payload)
}
