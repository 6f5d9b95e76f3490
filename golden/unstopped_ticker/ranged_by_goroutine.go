package cases

import "time"

// A goroutine ranges over t.C: Stop does not close C, so a deferred Stop here would
// leave that goroutine blocked for ever instead of fixing anything. Not reported.
func startTicking(work func()) {
	t := time.NewTicker(time.Second)
	go func() {
		for range t.C {
			work()
		}
	}()
}
