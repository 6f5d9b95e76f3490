package cases

import "time"

func spin(done func() bool) int {
	n := 0
	for range time.Tick(time.Millisecond) { // want "time.Tick leaks its ticker"
		if done() {
			break
		}
		n++
	}
	return n
}
