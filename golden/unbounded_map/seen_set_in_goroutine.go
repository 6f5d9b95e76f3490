// Package dedup remembers every message id a consumer goroutine has seen.
package dedup

type Consumer struct {
	in   chan string
	out  chan string
	seen map[string]struct{}
}

func NewConsumer() *Consumer {
	c := &Consumer{in: make(chan string), out: make(chan string), seen: map[string]struct{}{}}
	go c.loop()
	return c
}

func (c *Consumer) loop() {
	for id := range c.in {
		if _, dup := c.seen[id]; dup {
			continue
		}
		c.seen[id] = struct{}{} // want "map field Consumer.seen only grows: written on line 21 but .*a goroutine runs its loop method"
		c.out <- id
	}
}
