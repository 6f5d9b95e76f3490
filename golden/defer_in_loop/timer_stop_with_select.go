package cases

import "time"

func drain(batches [][]int, out chan<- int) {
	for _, batch := range batches {
		t := time.NewTimer(time.Second)
		defer t.Stop() // want `defer t.Stop\(\) inside a loop`
		for _, v := range batch {
			select {
			case out <- v:
			case <-t.C:
				break // leaves the select only
			}
		}
	}
}
