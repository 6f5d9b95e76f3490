// Package wire uses an aliased bytes import for its pooled buffers.
package wire

import (
	bb "bytes"
	"sync"
)

var pool sync.Pool

func Frame(payload []byte, send func([]byte)) {
	b := pool.Get().(*bb.Buffer)
	b.WriteByte(byte(len(payload)))
	b.Write(payload)
	send(b.Bytes())
	if b.Cap() < 4096 {
		pool.Put(b) // want "without a reset"
	}
}
