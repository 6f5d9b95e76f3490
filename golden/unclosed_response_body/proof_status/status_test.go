package status

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"go.uber.org/goleak"
)

func TestCheckLeavesNoConnectionBehind(t *testing.T) {
	defer goleak.VerifyNone(t)

	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/down" {
			http.Error(w, "maintenance", http.StatusServiceUnavailable)
			return
		}
		_, _ = io.WriteString(w, "ok")
	}))
	defer srv.Close()
	tr := &http.Transport{}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: 5 * time.Second}

	for i := 0; i < 3; i++ {
		if err := Check(client, srv.URL+"/up"); err != nil {
			t.Fatalf("Check(/up) = %v", err)
		}
		if err := Check(client, srv.URL+"/down"); err == nil {
			t.Fatal("Check(/down) succeeded")
		}
	}
}
