package constructor

import (
	"io"
	"net/http"
	"time"
)

func newClient() *http.Client {
	return &http.Client{Timeout: 10 * time.Second}
}

// fetch gets its client from a constructor: the receiver's type is not visible
// here, so the fix is offered as unsafe and this file stays as it is.
func fetch(url string) ([]byte, error) {
	client := newClient()
	resp, err := client.Get(url) // want "response body of resp from client.Get is never closed"
	if err != nil {
		return nil, err
	}
	return io.ReadAll(resp.Body)
}
