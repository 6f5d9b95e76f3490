package lostcancel

import (
	"context"
	"net/http"
)

// pingUpstream derives a context for the health probe but throws the cancel
// func away, so the derived context is only released when parent is.
func pingUpstream(parent context.Context, url string) (int, error) {
	ctx, _ := context.WithCancel(parent) // want "context leak"
	req, err := http.NewRequestWithContext(ctx, http.MethodHead, url, nil)
	if err != nil {
		return 0, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}
