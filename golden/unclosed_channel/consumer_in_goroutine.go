package p

// Both ends run in goroutines; the consumer's range never ends.
func Sum(nums []int) <-chan int {
	ch := make(chan int)
	total := make(chan int, 1)
	go func() {
		for _, n := range nums {
			ch <- n
		}
	}()
	go func() {
		s := 0
		for n := range ch { // want "range over ch never ends"
			s += n
		}
		total <- s
	}()
	return total
}
