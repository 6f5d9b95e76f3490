package p

import (
	"context"
	"os"
)

// Two sends, each the goroutine's last act: at most one of them runs.
func ReadFile(ctx context.Context, path string) ([]byte, error) {
	type reply struct {
		data []byte
		err  error
	}
	replies := make(chan reply, 0)
	go func() {
		data, err := os.ReadFile(path)
		if err != nil {
			replies <- reply{nil, err} // want "blocks forever"
			return
		}
		replies <- reply{data, nil}
	}()
	select {
	case r := <-replies:
		return r.data, r.err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}
