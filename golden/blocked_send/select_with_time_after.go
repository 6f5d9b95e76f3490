package p

import (
	"errors"
	"time"
)

type result struct {
	n   int
	err error
}

func count(path string) (int, error) { return len(path), nil }

func CountWithTimeout(path string, d time.Duration) (int, error) {
	done := make(chan result)
	go func() {
		n, err := count(path)
		done <- result{n, err} // want "blocks forever"
	}()
	select {
	case r := <-done:
		return r.n, r.err
	case <-time.After(d):
		return 0, errors.New("count: timed out")
	}
}
