package cases

import "time"

// A range over t.C only ends through its body: the return is the way out that leaks.
func untilDone(step func() bool) {
	t := time.NewTicker(time.Second) // want "never stopped"
	for range t.C {
		if step() {
			return
		}
	}
}
