package helper

import (
	"io"
	"net/http"
)

// drainAndClose reads the rest of the body and closes it.
func drainAndClose(resp *http.Response) {
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
}

func ok(url string) (bool, error) {
	resp, err := http.Get(url)
	if err != nil {
		return false, err
	}
	defer drainAndClose(resp)
	return resp.StatusCode == http.StatusOK, nil
}
