package p

import "sync"

type Cache struct {
	mu      sync.Mutex
	entries map[string]string
	updates chan [2]string
	done    chan struct{}
}

func NewCache() *Cache {
	c := &Cache{
		entries: map[string]string{},
		updates: make(chan [2]string),
		done:    make(chan struct{}),
	}
	go c.apply() // want "goroutine never exits"
	return c
}

func (c *Cache) apply() {
	for {
		select {
		case kv := <-c.updates:
			c.mu.Lock()
			c.entries[kv[0]] = kv[1]
			c.mu.Unlock()
		}
	}
}

// Close tells the cache to stop, but apply never listens.
func (c *Cache) Close() {
	close(c.done)
}
