// Package chunk truncates the slice in the Put call itself.
package chunk

import "sync"

var pool = sync.Pool{New: func() any { return make([]byte, 0, 512) }}

func Checksum(data []byte) byte {
	b := pool.Get().([]byte)
	b = append(b, data...)
	var sum byte
	for _, c := range b {
		sum ^= c
	}
	pool.Put(b[:0])
	return sum
}
