// Package logline formats log lines in a pooled buffer returned by a deferred Put.
package logline

import (
	"bytes"
	"fmt"
	"io"
	"sync"
)

var lines = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func Write(w io.Writer, level, msg string) error {
	b := lines.Get().(*bytes.Buffer)
	defer lines.Put(b) // want "without a reset" "whatever its size"
	fmt.Fprintf(b, "[%s] %s\n", level, msg)
	_, err := w.Write(b.Bytes())
	return err
}
