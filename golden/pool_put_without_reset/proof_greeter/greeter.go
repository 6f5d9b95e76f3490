// Package greeter formats greetings in pooled buffers.
package greeter

import (
	"bytes"
	"sync"
)

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// Greeting returns "hello, <name>", built in a buffer from the pool.
func Greeting(name string) string {
	buf := bufPool.Get().(*bytes.Buffer)
	buf.WriteString("hello, ")
	buf.WriteString(name)
	s := buf.String()
	if buf.Cap() <= 64<<10 {
		bufPool.Put(buf) // want "without a reset"
	}
	return s
}
