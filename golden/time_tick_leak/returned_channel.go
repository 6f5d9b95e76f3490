package cases

import "time"

// Nobody can ever stop this ticker: reported without a fix.
func Heartbeat() <-chan time.Time {
	return time.Tick(time.Second) // want "time.Tick leaks its ticker"
}
