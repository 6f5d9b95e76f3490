// Package wire consumes its read buffer: pointer-free elements, bounded by the peak size.
package wire

type Conn struct {
	pending []byte
	frames  chan []byte
}

func Dial() *Conn {
	c := &Conn{frames: make(chan []byte, 1)}
	go c.readLoop()
	return c
}

func (c *Conn) readLoop() {
	for chunk := range c.frames {
		c.pending = append(c.pending, chunk...)
		c.consume(len(c.pending) / 2)
	}
}

func (c *Conn) consume(n int) {
	c.pending = c.pending[n:]
}
