package cases

import "time"

// Receiving from t.C means the timer has fired: nothing is left to stop.
func pause(d time.Duration) time.Time {
	t := time.NewTimer(d)
	return <-t.C
}

func pauseThen(d time.Duration, f func()) {
	t := time.NewTimer(d)
	<-t.C
	f()
}
