package cases

import (
	"io"
	"net/http"
)

func fetchAll(client *http.Client, urls []string) (map[string][]byte, error) {
	out := make(map[string][]byte)
	for _, u := range urls {
		resp, err := client.Get(u)
		if err != nil {
			continue
		}
		defer resp.Body.Close() // want `defer resp.Body.Close\(\) inside a loop`
		if resp.StatusCode != http.StatusOK {
			continue // not worth reading
		}
		body, err := io.ReadAll(resp.Body)
		if err == nil {
			out[u] = body
		}
	}
	return out, nil
}
