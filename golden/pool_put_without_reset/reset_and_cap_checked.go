// Package printer frees oversized buffers and resets the rest, like fmt does.
package printer

import (
	"bytes"
	"sync"
)

var pool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func Sprint(parts ...string) string {
	b := pool.Get().(*bytes.Buffer)
	for _, p := range parts {
		b.WriteString(p)
	}
	s := b.String()
	if b.Cap() > 64<<10 {
		return s
	}
	b.Reset()
	pool.Put(b)
	return s
}
