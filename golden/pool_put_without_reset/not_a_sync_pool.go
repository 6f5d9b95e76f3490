// Package connpool has its own Get/Put API that is not a sync.Pool.
package connpool

import (
	"bytes"
	"sync"
)

type BufferPool struct {
	mu   sync.Mutex
	free []*bytes.Buffer
}

func (p *BufferPool) Get() any {
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.free) == 0 {
		return new(bytes.Buffer)
	}
	b := p.free[len(p.free)-1]
	p.free = p.free[:len(p.free)-1]
	b.Reset()
	return b
}

func (p *BufferPool) Put(b *bytes.Buffer) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.free = append(p.free, b)
}

var buffers BufferPool

func Greeting(name string) string {
	b := buffers.Get().(*bytes.Buffer)
	b.WriteString("hello, " + name)
	s := b.String()
	buffers.Put(b)
	return s
}
