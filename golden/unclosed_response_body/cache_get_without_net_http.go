package cache

import (
	"errors"
	"io"
	"strings"
)

type entry struct {
	Body       io.ReadCloser
	StatusCode int
}

type store struct {
	m map[string]string
}

func (s *store) Get(key string) (*entry, error) {
	v, ok := s.m[key]
	if !ok {
		return nil, errors.New("miss")
	}
	return &entry{Body: io.NopCloser(strings.NewReader(v)), StatusCode: 200}, nil
}

// lookup calls a Get with two results on a cache type; nothing here is an http response.
func lookup(s *store, key string) ([]byte, error) {
	resp, err := s.Get(key)
	if err != nil {
		return nil, err
	}
	return io.ReadAll(resp.Body)
}
