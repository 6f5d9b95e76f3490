// Package flush empties its pending map on every flush.
package flush

type Batcher struct {
	pending map[string][]byte
}

func (b *Batcher) Run() {}

func (b *Batcher) Add(k string, v []byte) { b.pending[k] = v }

func (b *Batcher) Flush(write func(map[string][]byte)) {
	write(b.pending)
	clear(b.pending)
}
