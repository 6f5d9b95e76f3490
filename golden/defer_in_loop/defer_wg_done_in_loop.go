package cases

import "sync"

func countDown(wg *sync.WaitGroup, n int) {
	for i := 0; i < n; i++ {
		wg.Add(1)
		defer wg.Done()
	}
}
