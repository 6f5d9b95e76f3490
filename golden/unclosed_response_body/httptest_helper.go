package testhelper

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
)

// get is a test helper: the body is closed by t.Cleanup.
func get(t *testing.T, srv *httptest.Server, path string) *http.Response {
	t.Helper()
	resp, err := http.Get(srv.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}

// record serves one request in memory: the recorder's response holds no connection.
func record(h http.Handler, req *http.Request) (string, error) {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	res := rec.Result()
	data, err := io.ReadAll(res.Body)
	return string(data), err
}
