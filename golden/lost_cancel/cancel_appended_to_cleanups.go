package lostcancel

import (
	"context"
	"time"
)

type app struct {
	cleanups []func()
}

func (a *app) startWorker(ctx context.Context, name string) {
	go func() {
		_ = name
		<-ctx.Done()
	}()
}

// Boot starts one worker per name; Shutdown runs the collected cancels.
func (a *app) Boot(parent context.Context, names []string) {
	for _, name := range names {
		ctx, cancel := context.WithTimeout(parent, time.Hour)
		a.cleanups = append(a.cleanups, cancel)
		a.startWorker(ctx, name)
	}
}

func (a *app) Shutdown() {
	for i := len(a.cleanups) - 1; i >= 0; i-- {
		a.cleanups[i]()
	}
	a.cleanups = nil
}
