package cases

import "time"

// The goroutine keeps the channel after watch returns: stopping the ticker at return
// would starve it, so the fix is display-only.
func watch(done <-chan struct{}, f func()) {
	c := time.Tick(time.Second) // want "time.Tick leaks its ticker"
	go func() {
		for range c {
			f()
		}
	}()
	<-done
}
