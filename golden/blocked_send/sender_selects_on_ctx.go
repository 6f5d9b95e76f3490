package p

import (
	"context"
	"strings"
)

// The sender gives up on ctx.Done() too: it never blocks forever.
func Lower(ctx context.Context, s string) (string, error) {
	ch := make(chan string)
	go func() {
		select {
		case ch <- strings.ToLower(s):
		case <-ctx.Done():
		}
	}()
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}
