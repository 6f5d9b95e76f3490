package cases

import "time"

// Waiting for the timer unconditionally: it fires and is gone.
func paced(n int, f func()) {
	for i := 0; i < n; i++ {
		f()
		<-time.After(time.Millisecond)
		t := <-time.After(time.Millisecond)
		_ = t
	}
}
