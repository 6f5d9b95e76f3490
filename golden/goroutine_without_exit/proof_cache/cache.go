// Package cache applies updates to a map in a background goroutine.
package cache

import "sync"

// Cache is a map written by one goroutine.
type Cache struct {
	mu      sync.Mutex
	entries map[string]string
	updates chan [2]string
	done    chan struct{}
}

// New starts the cache's writer.
func New() *Cache {
	c := &Cache{
		entries: map[string]string{},
		updates: make(chan [2]string),
		done:    make(chan struct{}),
	}
	go c.apply() // want "goroutine never exits"
	return c
}

// Set queues an update.
func (c *Cache) Set(k, v string) { c.updates <- [2]string{k, v} }

// Get reads an entry.
func (c *Cache) Get(k string) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.entries[k]
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

// Close asks the writer to stop, but apply never listens.
func (c *Cache) Close() { close(c.done) }
