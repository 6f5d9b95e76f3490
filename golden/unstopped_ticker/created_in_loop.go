package cases

import "time"

// Each job gets its own retry ticker; a deferred Stop would wait for the end of the
// whole batch, so the fix is display-only.
func runBatch(jobs []func() bool) int {
	done := 0
	for _, job := range jobs {
		t := time.NewTicker(time.Millisecond) // want "made in a loop and not stopped before the iteration ends"
		for !job() {
			<-t.C
		}
		done++
	}
	return done
}
