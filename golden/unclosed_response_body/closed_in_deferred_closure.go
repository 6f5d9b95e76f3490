package closure

import (
	"encoding/json"
	"io"
	"net/http"
)

// decode drains and closes the body in a deferred closure so the connection is reused.
func decode(client *http.Client, req *http.Request, v any) error {
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer func() {
		_, _ = io.Copy(io.Discard, resp.Body)
		_ = resp.Body.Close()
	}()
	return json.NewDecoder(resp.Body).Decode(v)
}
