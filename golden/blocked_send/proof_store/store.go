// Package store saves records while validating them in parallel.
package store

import "errors"

// ErrEmpty is returned for an empty record.
var ErrEmpty = errors.New("store: empty record")

// Store saves data with save while it validates data; an invalid record
// returns before the save's result is received.
func Store(data []byte, save func([]byte) error) error {
	errc := make(chan error)
	go func() {
		errc <- save(data) // want "blocks forever"
	}()
	if len(data) == 0 {
		return ErrEmpty
	}
	return <-errc
}
