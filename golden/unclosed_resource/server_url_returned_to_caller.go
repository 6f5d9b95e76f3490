package fake

import (
	"net/http"
	"net/http/httptest"
)

// StartFake starts a fake API for the caller to talk to at the returned URL.
func StartFake(h http.Handler) string {
	srv := httptest.NewServer(h)
	return srv.URL
}
