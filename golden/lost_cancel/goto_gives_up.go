package lostcancel

import (
	"context"
	"errors"
	"time"
)

var errNoReplica = errors.New("no healthy replica")

func readReplica(ctx context.Context, key string) ([]byte, error) {
	if key == "" {
		return nil, errNoReplica
	}
	return []byte(key), ctx.Err()
}

// readWithFallback uses a C-style cleanup label; the tool gives up on goto.
func readWithFallback(parent context.Context, key string) ([]byte, error) {
	var (
		data []byte
		err  error
	)
	ctx, cancel := context.WithTimeout(parent, time.Second)
	data, err = readReplica(ctx, key)
	if err != nil {
		goto fail
	}
	cancel()
	return data, nil
fail:
	cancel()
	return nil, err
}
