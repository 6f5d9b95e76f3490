package cases

import "time"

// Two time.After cases: display-only.
func twoTimeouts(in <-chan int, warn func()) {
	for {
		select {
		case <-in:
		case <-time.After(time.Second): // want "time.After in a loop"
			warn()
		case <-time.After(time.Minute): // want "time.After in a loop"
			return
		}
	}
}
