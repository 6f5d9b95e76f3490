package cases

import "time"

func firstOrTimeout(in <-chan int, d time.Duration) (int, bool) {
	t := time.NewTimer(d) // want "the return on line 13 skips it"
	select {
	case v, ok := <-in:
		if !ok {
			t.Stop()
			return 0, false
		}
		return v, true
	case <-t.C:
		return 0, false
	}
}
