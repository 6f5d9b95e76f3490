package reader

import (
	"bufio"
	"io"
	"net/http"
)

type lineReader struct {
	r    *bufio.Reader
	body io.Closer
}

// open returns a reader over the body that the caller closes.
func open(client *http.Client, url string) (*lineReader, error) {
	resp, err := client.Get(url)
	if err != nil {
		return nil, err
	}
	return &lineReader{r: bufio.NewReader(resp.Body), body: resp.Body}, nil
}

// stream returns a decoder-like reader over the body: the body lives on with it.
func stream(client *http.Client, url string) (*bufio.Scanner, error) {
	resp, err := client.Get(url)
	if err != nil {
		return nil, err
	}
	return bufio.NewScanner(resp.Body), nil
}
