package dispatcher

import (
	"context"
	"time"
)

// Entry is a single captured log line.
type Entry struct {
	Source    string    `json:"source"`
	Message   string    `json:"message"`
	Timestamp time.Time `json:"timestamp"`
	Attempts  int       `json:"-"`
}

// Sender delivers a batch of entries to a downstream system.
type Sender interface {
	Send(ctx context.Context, batch []*Entry) error
}
