package field

import (
	"io"
	"net/http"
)

type api struct {
	base string
	hc   *http.Client
}

// ping drains the body: the connection is reused, but the body is never closed.
func (a *api) ping() error {
	res, err := a.hc.Head(a.base + "/ping") // want "response body of res from a.hc.Head is never closed"
	if err != nil {
		return err
	}
	_, err = io.Copy(io.Discard, res.Body)
	return err
}
