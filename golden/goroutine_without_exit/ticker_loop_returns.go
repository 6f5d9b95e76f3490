package p

import (
	"context"
	"time"
)

// The ticker loop checks ctx itself and returns: it has an exit.
func Refresh(ctx context.Context, refresh func()) {
	go func() {
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for range t.C {
			if ctx.Err() != nil {
				return
			}
			refresh()
		}
	}()
}
