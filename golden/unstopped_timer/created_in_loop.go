package cases

import "time"

func collect(in <-chan int, idle time.Duration) []int {
	var out []int
	for {
		t := time.NewTimer(idle) // want "made in a loop and not stopped before the iteration ends"
		select {
		case v := <-in:
			out = append(out, v)
		case <-t.C:
			return out
		}
	}
}
