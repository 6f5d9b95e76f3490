// Package stats counts hits per path in a long-running collector.
package stats

type Collector struct {
	paths chan string
	hits  map[string]int
}

func (c *Collector) Run() {
	for p := range c.paths {
		c.hits[p]++ // want "map field Collector.hits only grows"
	}
}

func (c *Collector) Hits(p string) int { return c.hits[p] }
