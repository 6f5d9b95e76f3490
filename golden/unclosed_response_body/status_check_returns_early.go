package statuscheck

import (
	"fmt"
	"io"
	"net/http"
)

// fetch closes the body at the end, but the status check returns before that.
func fetch(client *http.Client, url string) ([]byte, error) {
	resp, err := client.Get(url) // want `not closed on every path \(the return on line 16 skips it\)`
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("fetch %s: %s", url, resp.Status)
	}
	data, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	return data, err
}
