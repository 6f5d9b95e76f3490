// Package fetcher looks up keys within a session that expires when its
// context is done.
package fetcher

import (
	"context"
	"errors"
	"sync/atomic"
	"time"
)

type session struct {
	closed atomic.Bool
}

func (s *session) expire(ctx context.Context) {
	<-ctx.Done()
	s.closed.Store(true)
}

// openSession starts the session's expiry watcher.
func openSession(ctx context.Context) *session {
	s := &session{}
	go s.expire(ctx)
	return s
}

// Fetch validates keys after opening the session; the validation error
// returns before cancel, so the expiry goroutine waits for an hour.
func Fetch(keys []string) (map[string]int, error) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Hour) // want "context leak"
	s := openSession(ctx)
	for _, k := range keys {
		if k == "" {
			return nil, errors.New("fetcher: empty key")
		}
	}
	out := make(map[string]int, len(keys))
	for _, k := range keys {
		out[k] = len(k)
		if s.closed.Load() {
			return nil, errors.New("fetcher: session expired")
		}
	}
	cancel()
	return out, nil
}
