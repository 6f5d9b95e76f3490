package cases

import "time"

// One timer for the whole loop: the usual correct pattern.
func collect(in <-chan int) []int {
	var out []int
	timeout := time.After(time.Second)
	for {
		select {
		case v := <-in:
			out = append(out, v)
		case <-timeout:
			return out
		}
	}
}
