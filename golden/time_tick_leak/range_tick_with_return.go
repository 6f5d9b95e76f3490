package cases

import (
	"context"
	"time"
)

func waitReady(ctx context.Context, ready func() bool) error {
	for range time.Tick(100 * time.Millisecond) { // want "time.Tick leaks its ticker"
		if ready() {
			return nil
		}
		if err := ctx.Err(); err != nil {
			return err
		}
	}
	return nil
}
