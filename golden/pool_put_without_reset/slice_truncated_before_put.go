// Package ids truncates pooled slices and bounds their capacity before putting them back.
package ids

import (
	"strconv"
	"sync"
)

var scratch = sync.Pool{New: func() any { b := make([]byte, 0, 64); return &b }}

func Format(ids []int, emit func([]byte)) {
	bp := scratch.Get().(*[]byte)
	for _, id := range ids {
		*bp = strconv.AppendInt(*bp, int64(id), 10)
		*bp = append(*bp, ' ')
	}
	emit(*bp)
	if cap(*bp) > 4096 {
		return
	}
	*bp = (*bp)[:0]
	scratch.Put(bp)
}
