package cases

import "time"

func maybeWait(in <-chan int, wait bool) int {
	sum := 0
	for i := 0; i < 100; i++ {
		if wait {
			select {
			case v := <-in:
				sum += v
			case <-time.After(10 * time.Millisecond): // want "time.After in a loop"
				return sum
			}
		}
	}
	return sum
}
