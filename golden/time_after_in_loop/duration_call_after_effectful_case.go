package cases

import "time"

// Both next() and backoff() are evaluated on entering the select, next() first; the
// fix would call backoff() before next(): unsafe.
func retryLoop(next func() <-chan error, backoff func() time.Duration) {
	for {
		select {
		case err := <-next():
			if err == nil {
				return
			}
		case <-time.After(backoff()): // want "time.After in a loop"
		}
	}
}
