package cases

import "time"

// With a default case the timer is abandoned at once, every iteration.
func busyPoll(ready func() bool, n int) int {
	hits := 0
	for i := 0; i < n; i++ {
		select {
		case <-time.After(time.Second): // want "time.After in a loop"
			return hits
		default:
			if ready() {
				hits++
			}
		}
	}
	return hits
}
