package lostcancel

import (
	"context"
	"sync"
)

type downloadRegistry struct {
	mu      sync.Mutex
	cancels map[string]context.CancelFunc
}

func startDownload(ctx context.Context, id string) {
	_ = id
	<-ctx.Done()
}

// Begin registers each download's cancel func so Abort can stop it later.
func (r *downloadRegistry) Begin(parent context.Context, id string) {
	ctx, cancel := context.WithCancel(parent)
	r.mu.Lock()
	r.cancels[id] = cancel
	r.mu.Unlock()
	go startDownload(ctx, id)
}

func (r *downloadRegistry) Abort(id string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if cancel, ok := r.cancels[id]; ok {
		cancel()
		delete(r.cancels, id)
	}
}
