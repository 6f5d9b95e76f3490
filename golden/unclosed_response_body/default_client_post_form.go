package postform

import (
	"errors"
	"net/http"
	"net/url"
)

// submit posts a form with the default client and only checks the status.
func submit(endpoint string, form url.Values) error {
	resp, err := http.DefaultClient.PostForm(endpoint, form) // want "response body of resp from http.DefaultClient.PostForm is never closed"
	if err != nil {
		return err
	}
	if resp.StatusCode >= 400 {
		return errors.New(resp.Status)
	}
	return nil
}
