// Package drain feeds values from a channel to a callback until stopped.
package drain

func drain(stopCh <-chan struct{}, in <-chan int, out func(int)) {
	for {
		select {
		case v := <-in:
			out(v)
		}
	}
}

// Start drains in into out until stopCh is closed (or should).
func Start(stopCh <-chan struct{}, in <-chan int, out func(int)) {
	go drain(stopCh, in, out) // want "goroutine never exits"
}
