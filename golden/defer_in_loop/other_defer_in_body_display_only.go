package cases

import (
	"os"
	"sync"
)

func statAll(wg *sync.WaitGroup, paths []string) int {
	n := 0
	for _, p := range paths {
		wg.Add(1)
		defer wg.Done() // moving this to the end of the iteration would change its meaning
		f, err := os.Open(p)
		if err != nil {
			continue
		}
		defer f.Close() // want `defer f.Close\(\) inside a loop`
		if _, err := f.Stat(); err == nil {
			n++
		}
	}
	return n
}
