package lostcancel

import (
	"context"
	"errors"
	"time"
)

func resizeImage(ctx context.Context, data []byte) ([]byte, error) {
	return data, ctx.Err()
}

// convertImage cancels before each return of every switch case.
func convertImage(parent context.Context, format string, data []byte) ([]byte, error) {
	ctx, cancel := context.WithTimeout(parent, 20*time.Second)
	switch format {
	case "png", "jpeg":
		out, err := resizeImage(ctx, data)
		cancel()
		return out, err
	case "gif":
		cancel()
		return nil, errors.New("gif not supported")
	default:
		cancel()
		return data, nil
	}
}
