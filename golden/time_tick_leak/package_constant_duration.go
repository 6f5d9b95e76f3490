package cases

import "time"

const pollInterval = 250 * time.Millisecond

// A package-level constant duration is as good as a literal one: the fix is safe.
func until(cond func() bool) {
	for range time.Tick(pollInterval) { // want "time.Tick leaks its ticker"
		if cond() {
			return
		}
	}
}
