package cases

import "time"

func relay(in <-chan int, out chan<- int) {
	for v := range in {
		select {
		case out <- v:
		case <-time.After(time.Second): // want "time.After in a loop"
			return
		}
	}
}
