package cases

import (
	"context"
	"time"
)

// poll checks once a second until check succeeds or ctx is done; the ticker is never
// stopped on either way out.
func poll(ctx context.Context, check func() bool) error {
	t := time.NewTicker(time.Second) // want "ticker t from time.NewTicker is never stopped"
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
			if check() {
				return nil
			}
		}
	}
}
