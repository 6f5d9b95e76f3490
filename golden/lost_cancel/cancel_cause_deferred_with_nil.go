package lostcancel

import (
	"context"
	"errors"
)

var errShardDown = errors.New("shard down")

func queryShard(ctx context.Context, shard int) (int, error) {
	if shard < 0 {
		return 0, errShardDown
	}
	return shard, ctx.Err()
}

// fanOut cancels siblings with a cause on the first failure and releases the
// context with defer cancel(nil) on every path.
func fanOut(parent context.Context, shards []int) (int, error) {
	ctx, cancel := context.WithCancelCause(parent)
	defer cancel(nil)
	total := 0
	for _, s := range shards {
		n, err := queryShard(ctx, s)
		if err != nil {
			cancel(err)
			return 0, context.Cause(ctx)
		}
		total += n
	}
	return total, nil
}
