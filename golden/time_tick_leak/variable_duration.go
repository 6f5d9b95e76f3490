package cases

import "time"

// time.Tick(d) returns nil for d <= 0 where time.NewTicker panics: the fix is unsafe.
func every(d time.Duration, n int, f func()) {
	c := time.Tick(d) // want "time.Tick leaks its ticker"
	for i := 0; i < n; i++ {
		<-c
		f()
	}
}
