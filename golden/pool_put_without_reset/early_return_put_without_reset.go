// Package sign resets the buffer on the success path only.
package sign

import (
	"bytes"
	"errors"
	"sync"
)

var bufs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func Sign(payload []byte, key []byte) ([]byte, error) {
	buf := bufs.Get().(*bytes.Buffer)
	if len(key) == 0 {
		bufs.Put(buf) // want "without a reset"
		return nil, errors.New("no key")
	}
	buf.Write(key)
	buf.Write(payload)
	out := append([]byte(nil), buf.Bytes()...)
	if buf.Cap() > 1<<16 {
		return out, nil
	}
	buf.Reset()
	bufs.Put(buf)
	return out, nil
}
