package cases

import "time"

// The inner t is another variable; the outer ticker is stopped by its own defer.
func shadow(d time.Duration, inner func(*time.Ticker)) {
	t := time.NewTicker(d)
	defer t.Stop()
	{
		t := t
		inner(t)
	}
}
