package p

func square(n int) int { return n * n }

// Every path receives: the send always completes.
func Square(n int) int {
	ch := make(chan int)
	go func() {
		ch <- square(n)
	}()
	return <-ch
}
