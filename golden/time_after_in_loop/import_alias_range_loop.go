package cases

import clock "time"

func forward(in <-chan string, out chan<- string) bool {
	for s := range in {
		select {
		case out <- s:
		case <-clock.After(5 * clock.Second): // want "clock.After in a loop"
			return false
		}
	}
	return true
}
