package healthcheck

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"go.uber.org/goleak"
)

func TestUnhealthyServiceLeavesNoConnectionBehind(t *testing.T) {
	defer goleak.VerifyNone(t)

	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = io.WriteString(w, "starting")
	}))
	// Close shuts the server down and closes the default transport's idle connections.
	defer srv.Close()

	for i := 0; i < 3; i++ {
		if err := Healthy(srv.URL); !errors.Is(err, errUnhealthy) {
			t.Fatalf("Healthy = %v, want errUnhealthy", err)
		}
	}
}
