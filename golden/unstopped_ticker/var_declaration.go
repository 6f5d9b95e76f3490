package cases

import "time"

func waitFor(cond func() bool, attempts int) bool {
	var t = time.NewTicker(time.Millisecond) // want "never stopped"
	for i := 0; i < attempts; i++ {
		if cond() {
			return true
		}
		<-t.C
	}
	return false
}
