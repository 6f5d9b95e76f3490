package cases

import "time"

// The time.After belongs to the goroutine's function, which has no loop.
func fanOut(jobs []chan int, timeout func()) {
	for _, j := range jobs {
		go func(j chan int) {
			select {
			case <-j:
			case <-time.After(time.Second):
				timeout()
			}
		}(j)
	}
}
