package neverclosed

import "net/http"

// status only looks at the status code and never closes the body.
func status(url string) (int, error) {
	resp, err := http.Get(url) // want "response body of resp from http.Get is never closed"
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}
