package fake

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// NewAPI registers the server's Close with the test.
func NewAPI(t *testing.T, h http.Handler) string {
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL
}
