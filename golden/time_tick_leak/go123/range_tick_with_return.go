package cases

import (
	"context"
	"time"
)

// Since Go 1.23 an unreferenced ticker is collected: time.Tick is fine here.
func waitReady(ctx context.Context, ready func() bool) error {
	for range time.Tick(100 * time.Millisecond) {
		if ready() {
			return nil
		}
		if err := ctx.Err(); err != nil {
			return err
		}
	}
	return nil
}
