package cases

import (
	"io"
	"os"
	"sync"
)

func hashAll(paths []string, sink func(io.Reader)) {
	var wg sync.WaitGroup
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			continue
		}
		defer f.Close() // want `defer f.Close\(\) inside a loop`
		wg.Add(1)
		go func() {
			defer wg.Done()
			sink(f)
		}()
	}
	wg.Wait()
}
