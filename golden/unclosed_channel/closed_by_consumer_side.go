package p

// The function closes the channel itself after the producer is done.
func Doubles(nums []int) []int {
	ch := make(chan int, len(nums))
	done := make(chan struct{})
	go func() {
		for _, n := range nums {
			ch <- 2 * n
		}
		close(done)
	}()
	<-done
	close(ch)
	var out []int
	for v := range ch {
		out = append(out, v)
	}
	return out
}
