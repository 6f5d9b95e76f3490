// Package render encodes values through pooled buffers that go back dirty.
package render

import (
	"bytes"
	"encoding/json"
	"io"
	"sync"
)

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func Render(w io.Writer, v any) error {
	buf := bufPool.Get().(*bytes.Buffer)
	if err := json.NewEncoder(buf).Encode(v); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	if buf.Cap() <= 64<<10 {
		bufPool.Put(buf) // want `buf \(\*bytes.Buffer\) goes back to bufPool without a reset: the next Get hands out its old contents \(call buf.Reset\(\) before Put\)`
	}
	return err
}
