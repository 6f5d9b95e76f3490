package cases

import (
	"os"
	"sync"
)

func statConcurrently(paths []string) {
	var wg sync.WaitGroup
	for _, p := range paths {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f, err := os.Open(p)
			if err != nil {
				return
			}
			defer f.Close()
			_, _ = f.Stat()
		}()
	}
	wg.Wait()
}
