// Package copyio copies through pooled scratch slices held by pointer.
package copyio

import (
	"io"
	"sync"
)

var scratch = sync.Pool{New: func() any { b := make([]byte, 0, 32<<10); return &b }}

func Collect(r io.Reader) (int, error) {
	bp := scratch.Get().(*[]byte)
	total := 0
	for {
		chunk := (*bp)[len(*bp):cap(*bp)]
		n, err := r.Read(chunk)
		*bp = (*bp)[:len(*bp)+n]
		total += n
		if err != nil || len(*bp) == cap(*bp) {
			if cap(*bp) <= 1<<20 {
				scratch.Put(bp) // want `bp \(\*\[\]byte\) goes back to scratch without a reset`
			}
			if err == io.EOF {
				err = nil
			}
			return total, err
		}
	}
}
