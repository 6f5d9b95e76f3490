package p

import (
	"sync/atomic"
	"time"
)

var polls atomic.Int64

// StartPolling has nothing to stop it with: the fix is only suggested.
func StartPolling() {
	go func() { // want "goroutine never exits"
		for {
			polls.Add(1)
			time.Sleep(time.Second)
		}
	}()
}
