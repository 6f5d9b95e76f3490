package lostcancel

import "context"

// reset assigns the outer cancel from inside a closure and calls it after.
func reset(parent context.Context) {
	var cancel context.CancelFunc
	func() {
		_, cancel = context.WithCancel(parent)
	}()
	cancel()
}
