package cases

import "time"

func tickTock(n int, f func()) {
	for i := 0; i < n; i++ {
		select {
		case <-time.After(time.Millisecond):
			f()
		}
	}
}
