package cases

import "sync"

type counter struct {
	mu sync.Mutex
	n  map[string]int
}

func (c *counter) bumpAll(keys []string) {
	for _, k := range keys {
		var mu sync.Mutex
		mu.Lock()
		defer mu.Unlock()
		c.n[k]++
	}
}
