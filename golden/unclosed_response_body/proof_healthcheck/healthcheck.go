// Package healthcheck polls a health endpoint with the default client.
package healthcheck

import (
	"bytes"
	"errors"
	"io"
	"net/http"
)

var errUnhealthy = errors.New("healthcheck: unhealthy")

// Healthy reads the health document; the early return for a non-200 status
// skips the Close at the end.
func Healthy(url string) error {
	resp, err := http.Get(url) // want "not closed on every path"
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return errUnhealthy
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return err
	}
	if !bytes.Equal(bytes.TrimSpace(body), []byte("healthy")) {
		return errUnhealthy
	}
	return nil
}
