// Package csvline resets on Get (the fmt/json convention): every getter starts clean.
package csvline

import (
	"bytes"
	"strings"
	"sync"
)

var pool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func Join(fields []string) string {
	buf := pool.Get().(*bytes.Buffer)
	buf.Reset()
	defer func() {
		if buf.Cap() <= 1<<16 {
			pool.Put(buf)
		}
	}()
	buf.WriteString(strings.Join(fields, ","))
	return buf.String()
}
