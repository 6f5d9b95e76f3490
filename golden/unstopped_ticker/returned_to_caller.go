package cases

import "time"

// The caller owns the ticker and must stop it.
func NewHeartbeat(d time.Duration) *time.Ticker {
	t := time.NewTicker(d)
	return t
}

func newFast() *time.Ticker {
	return time.NewTicker(time.Millisecond)
}
