// Package digest pools a struct with no state worth resetting (fully overwritten each use).
package digest

import "sync"

type block struct {
	words [16]uint32
}

var blocks = sync.Pool{New: func() any { return new(block) }}

func Sum(data []byte) uint32 {
	b := blocks.Get().(*block)
	var sum uint32
	for i := range b.words {
		b.words[i] = 0
		if i < len(data) {
			b.words[i] = uint32(data[i])
		}
		sum += b.words[i]
	}
	blocks.Put(b)
	return sum
}
