// Package greeter asks an in-process fake of the greeting service for a
// greeting.
package greeter

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
)

// Greeting starts the fake service, asks it once and returns, leaving the
// server (its accept loop and connection goroutines) running.
func Greeting(name string) (string, error) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { // want "srv from httptest.NewServer is never closed"
		fmt.Fprintf(w, "hello, %s", r.URL.Query().Get("name"))
	}))
	resp, err := srv.Client().Get(srv.URL + "?name=" + url.QueryEscape(name))
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	return string(body), err
}
