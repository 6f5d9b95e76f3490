package roundtrip

import "net/http"

// probe sends one request straight through a transport.
func probe(rt http.RoundTripper, req *http.Request) (http.Header, error) {
	resp, err := rt.RoundTrip(req) // want "response body of resp from rt.RoundTrip is never closed"
	if err != nil {
		return nil, err
	}
	return resp.Header, nil
}
