package cases

import "time"

// The goroutine waits for the timer: stopping it at return would keep that goroutine
// waiting for ever.
func later(d time.Duration, f func()) {
	t := time.NewTimer(d)
	go func() {
		<-t.C
		f()
	}()
}
