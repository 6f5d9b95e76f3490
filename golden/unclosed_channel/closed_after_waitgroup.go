package p

import "sync"

func Fanin(parts [][]int) []int {
	ch := make(chan int)
	var wg sync.WaitGroup
	for _, part := range parts {
		wg.Add(1)
		go func(p []int) {
			defer wg.Done()
			for _, v := range p {
				ch <- v
			}
		}(part)
	}
	go func() {
		wg.Wait()
		close(ch)
	}()
	var out []int
	for v := range ch {
		out = append(out, v)
	}
	return out
}
