package sink

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"example.com/leakyservice/dispatcher"
)

func TestSendPostsBatch(t *testing.T) {
	received := make(chan string, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		received <- string(body)
		w.WriteHeader(http.StatusAccepted)
		_, _ = io.WriteString(w, `{"queued": true}`)
	}))
	defer srv.Close()

	s := NewHTTPSink(srv.URL, time.Second, nil)
	batch := []*dispatcher.Entry{{Source: "app", Message: "hello"}}
	if err := s.Send(context.Background(), batch); err != nil {
		t.Fatal(err)
	}
	if got := <-received; got == "" {
		t.Fatal("empty batch posted")
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
}
