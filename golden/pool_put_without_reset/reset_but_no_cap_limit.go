// Package frame resets its pooled buffer but never bounds its size.
package frame

import (
	"bytes"
	"sync"
)

var pool = &sync.Pool{New: func() any { return new(bytes.Buffer) }}

func Encode(parts [][]byte, emit func([]byte)) {
	buf := pool.Get().(*bytes.Buffer)
	for _, p := range parts {
		buf.Write(p)
	}
	emit(buf.Bytes())
	buf.Reset()
	pool.Put(buf) // want `buf goes back to pool whatever its size: one oversized \*bytes.Buffer stays pooled`
}
