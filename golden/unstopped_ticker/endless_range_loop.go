package cases

import "time"

// A range over a ticker's channel never ends: this function never returns, and the
// ticker lives exactly as long as it is used.
func runForever(work func()) {
	t := time.NewTicker(time.Second)
	for range t.C {
		work()
	}
}

func runForeverSelect(work func(int), in <-chan int) {
	t := time.NewTicker(time.Second)
	n := 0
	for {
		select {
		case <-t.C:
			work(n)
		case v := <-in:
			n += v
		}
	}
}
