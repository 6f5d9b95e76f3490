package p

import (
	"context"
	"strings"
)

func Upper(ctx context.Context, s string) (string, error) {
	ch := make(chan string, 1)
	go func() {
		ch <- strings.ToUpper(s)
	}()
	select {
	case v := <-ch:
		return v, nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}
