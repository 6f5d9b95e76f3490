package lostcancel

import (
	"context"
	"io"
	"net/http"
	"time"
)

// download narrows the caller's context with a timeout, reusing the parameter,
// and drops the cancel func.
func download(ctx context.Context, url string, d time.Duration) ([]byte, error) {
	ctx, _ = context.WithTimeout(ctx, d) // want "context leak"
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}
