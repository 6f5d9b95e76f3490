// Package status checks that upstream services answer.
package status

import (
	"fmt"
	"net/http"
)

// Check reports whether url answers 200 OK. The body is never closed, so the
// connection and its two transport goroutines stay busy after every call.
func Check(client *http.Client, url string) error {
	resp, err := client.Get(url) // want "response body of resp from client.Get is never closed"
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("status: %s answered %s", url, resp.Status)
	}
	return nil
}
