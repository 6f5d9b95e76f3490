package cases

import "time"

// A new ticker on every iteration, none ever stopped.
func relay(in <-chan string, out chan<- string, ping func()) {
	for {
		select {
		case s, ok := <-in:
			if !ok {
				return
			}
			out <- s
		case <-time.Tick(time.Second): // want "time.Tick leaks its ticker"
			ping()
		}
	}
}
