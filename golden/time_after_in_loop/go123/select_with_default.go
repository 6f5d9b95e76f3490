package cases

import "time"

func busyPoll(ready func() bool, n int) int {
	hits := 0
	for i := 0; i < n; i++ {
		select {
		case <-time.After(time.Second):
			return hits
		default:
			if ready() {
				hits++
			}
		}
	}
	return hits
}
