package cases

import "time"

func pollAll(targets []func() bool) {
	for _, ready := range targets {
		c := time.Tick(time.Millisecond) // want "time.Tick leaks its ticker"
		for !ready() {
			<-c
		}
	}
}
