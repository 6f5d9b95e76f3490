package p

// The caller gets the channel: who closes it is not this function's story.
func Stream(n int) <-chan int {
	ch := make(chan int)
	go func() {
		for i := 0; i < n; i++ {
			ch <- i
		}
	}()
	return ch
}
