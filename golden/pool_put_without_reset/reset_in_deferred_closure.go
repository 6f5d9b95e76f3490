// Package tmpl resets and bounds its buffer in a deferred closure before putting it back.
package tmpl

import (
	"bytes"
	"io"
	"sync"
)

var pool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func Execute(w io.Writer, parts []string) error {
	buf := pool.Get().(*bytes.Buffer)
	defer func() {
		if buf.Cap() > 64<<10 {
			return
		}
		buf.Reset()
		pool.Put(buf)
	}()
	for _, p := range parts {
		buf.WriteString(p)
	}
	_, err := w.Write(buf.Bytes())
	return err
}
