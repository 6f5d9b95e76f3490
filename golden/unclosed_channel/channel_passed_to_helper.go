package p

func fill(ch chan<- int, n int) {
	defer close(ch)
	for i := 0; i < n; i++ {
		ch <- i
	}
}

// fill may close it (it does): not reported.
func Count(n int) int {
	ch := make(chan int)
	go fill(ch, n)
	c := 0
	for range ch {
		c++
	}
	return c
}
