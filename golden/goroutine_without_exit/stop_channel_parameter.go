package p

func drain(stopCh <-chan struct{}, in <-chan int, out func(int)) {
	for {
		select {
		case v := <-in:
			out(v)
		}
	}
}

func StartDrain(stopCh <-chan struct{}, in <-chan int) {
	go drain(stopCh, in, func(int) {}) // want "goroutine never exits"
}
