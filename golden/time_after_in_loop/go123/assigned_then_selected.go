package cases

import "time"

func batches(in <-chan int, flush func([]int)) {
	for {
		var batch []int
		timeout := time.After(100 * time.Millisecond)
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
