package cases

import (
	"context"
	clock "time"
)

func sample(ctx context.Context, read func() int) []int {
	var out []int
	t := clock.NewTicker(50 * clock.Millisecond) // want "ticker t from clock.NewTicker is never stopped"
	for len(out) < 10 {
		select {
		case <-ctx.Done():
			return out
		case <-t.C:
			out = append(out, read())
		}
	}
	return out
}
