package crlf

import "net/http"

// contentLength reads a header in a file whose lines end in CRLF.
func contentLength(url string) (int64, error) {
	resp, err := http.Head(url) // want "response body of resp from http.Head is never closed"
	if err != nil {
		return 0, err
	}
	return resp.ContentLength, nil
}
