// Package helpers puts back a buffer it did not get: the getter's function owns the reset.
package helpers

import (
	"bytes"
	"sync"
)

var pool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func getBuffer() *bytes.Buffer {
	b := pool.Get().(*bytes.Buffer)
	b.Reset()
	return b
}

func putBuffer(b *bytes.Buffer) {
	pool.Put(b)
}

func Quote(s string) string {
	b := getBuffer()
	defer putBuffer(b)
	b.WriteByte('"')
	b.WriteString(s)
	b.WriteByte('"')
	return b.String()
}
