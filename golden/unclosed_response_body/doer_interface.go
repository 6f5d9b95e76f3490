package doer

import (
	"io"
	"net/http"
)

// Doer is satisfied by *http.Client and by test doubles.
type Doer interface {
	Do(req *http.Request) (*http.Response, error)
}

type service struct {
	client Doer
}

func (s *service) body(req *http.Request) ([]byte, error) {
	resp, err := s.client.Do(req) // want "response body of resp from s.client.Do is never closed"
	if err != nil {
		return nil, err
	}
	return io.ReadAll(resp.Body)
}
