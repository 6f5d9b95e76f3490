package inloop

import "net/http"

// statuses fetches every URL; a defer in the loop would wait for the function's
// return, so the fix is only shown.
func statuses(urls []string) ([]int, error) {
	var out []int
	for _, u := range urls {
		resp, err := http.Get(u) // want "response body of resp from http.Get is never closed"
		if err != nil {
			return nil, err
		}
		out = append(out, resp.StatusCode)
	}
	return out, nil
}
