package fake

import (
	"io"
	"net/http"
	"net/http/httptest"
)

// Greeting starts a throwaway server and never stops it: its goroutines and
// port outlive the call.
func Greeting() (string, error) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { // want "srv from httptest.NewServer is never closed"
		io.WriteString(w, "hello")
	}))
	resp, err := srv.Client().Get(srv.URL)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	return string(body), err
}
