package cases

import "time"

// A timer per iteration is still reported under go 1.23, as a note.
func collect(in <-chan int, idle time.Duration) []int {
	var out []int
	for {
		t := time.NewTimer(idle) // want "made in a loop.*since Go 1.23 it is collected once unreferenced"
		select {
		case v := <-in:
			out = append(out, v)
		case <-t.C:
			return out
		}
	}
}
