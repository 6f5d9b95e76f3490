package cases

import "time"

func waitQuiet(events <-chan struct{}, quiet time.Duration) {
	for {
		select {
		case <-events: // another event: wait again
		case <-time.After(quiet): // want "time.After in a loop"
			return
		}
	}
}
