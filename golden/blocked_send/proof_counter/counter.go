// Package counter counts with a deadline.
package counter

import (
	"errors"
	"time"
)

// ErrTimeout is returned when counting takes too long.
var ErrTimeout = errors.New("counter: timed out")

type result struct {
	n   int
	err error
}

// Count runs count and waits at most d for it.
func Count(count func() (int, error), d time.Duration) (int, error) {
	done := make(chan result)
	go func() {
		n, err := count()
		done <- result{n, err} // want "blocks forever"
	}()
	select {
	case r := <-done:
		return r.n, r.err
	case <-time.After(d):
		return 0, ErrTimeout
	}
}
