package p

import (
	"context"
	"strings"
)

func slowLookup(key string) string { return strings.ToUpper(key) }

func Lookup(ctx context.Context, key string) (string, error) {
	ch := make(chan string)
	go func() {
		ch <- slowLookup(key) // want "blocks forever"
	}()
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}
