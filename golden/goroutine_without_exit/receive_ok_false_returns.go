package p

// The goroutine exits when ch is closed: `if !ok { return }` is its way out.
func Forward(ch <-chan int, out func(int)) {
	go func() {
		for {
			v, ok := <-ch
			if !ok {
				return
			}
			out(v)
		}
	}()
}
