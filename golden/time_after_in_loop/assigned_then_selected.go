package cases

import "time"

// Assigned in the loop and received later: reported without a fix.
func batches(in <-chan int, flush func([]int)) {
	for {
		var batch []int
		timeout := time.After(100 * time.Millisecond) // want "time.After in a loop"
	fill:
		for {
			select {
			case v, ok := <-in:
				if !ok {
					flush(batch)
					return
				}
				batch = append(batch, v)
			case <-timeout:
				break fill
			}
		}
		flush(batch)
	}
}
