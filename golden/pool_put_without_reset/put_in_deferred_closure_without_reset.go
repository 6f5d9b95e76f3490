// Package report puts its buffer back from a deferred closure, dirty.
package report

import (
	"bytes"
	"io"
	"sync"
)

var pool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func Report(w io.Writer, rows []string) error {
	buf := pool.Get().(*bytes.Buffer)
	defer func() {
		if buf.Cap() <= 1<<16 {
			pool.Put(buf) // want "without a reset"
		}
	}()
	for _, r := range rows {
		buf.WriteString(r)
		buf.WriteByte('\n')
	}
	_, err := w.Write(buf.Bytes())
	return err
}
