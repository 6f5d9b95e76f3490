package alias

import (
	"io"
	nethttp "net/http"
	"strings"
)

// post uses an aliased net/http import.
func post(url, body string) (string, error) {
	resp, err := nethttp.Post(url, "text/plain", strings.NewReader(body)) // want "response body of resp from nethttp.Post is never closed"
	if err != nil {
		return "", err
	}
	data, err := io.ReadAll(resp.Body)
	return string(data), err
}
