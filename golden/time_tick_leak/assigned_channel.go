package cases

import "time"

func drain(in <-chan int, flush func([]int)) {
	var batch []int
	c := time.Tick(time.Second) // want "time.Tick leaks its ticker"
	for {
		select {
		case v, ok := <-in:
			if !ok {
				flush(batch)
				return
			}
			batch = append(batch, v)
		case <-c:
			flush(batch)
			batch = nil
		}
	}
}
