package cases

import clock "time"

func waitN(n int) {
	var c = clock.Tick(clock.Millisecond) // want "clock.Tick leaks its ticker"
	for i := 0; i < n; i++ {
		<-c
	}
}
