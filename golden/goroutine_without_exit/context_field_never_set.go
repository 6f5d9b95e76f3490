package p

import "context"

// Nothing in this file sets w.ctx: if it is nil, w.ctx.Done() panics, so
// the fix is only offered as unsafe.
type Watcher struct {
	ctx    context.Context
	events chan string
	last   string
}

func (w *Watcher) Start() {
	go func() { // want "goroutine never exits"
		for {
			select {
			case e := <-w.events:
				w.last = e
			}
		}
	}()
}
