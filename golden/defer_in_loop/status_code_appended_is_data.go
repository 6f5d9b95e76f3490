package cases

import "net/http"

func statusCodes(client *http.Client, urls []string) []int {
	var codes []int
	for _, u := range urls {
		resp, err := client.Get(u)
		if err != nil {
			continue
		}
		defer resp.Body.Close() // want `defer resp.Body.Close\(\) inside a loop`
		codes = append(codes, resp.StatusCode)
	}
	return codes
}
