// Package crlf keeps Windows line endings: the inserted reset keeps them too.
package crlf

import (
	"bytes"
	"sync"
)

var pool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func Line(s string) string {
	b := pool.Get().(*bytes.Buffer)
	b.WriteString(s)
	b.WriteString("\r\n")
	out := b.String()
	if b.Cap() <= 4096 {
		pool.Put(b) // want "without a reset"
	}
	return out
}
