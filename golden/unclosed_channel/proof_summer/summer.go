// Package summer adds numbers in a pipeline of two goroutines.
package summer

// Sum feeds nums to an adder goroutine and returns a channel that receives
// the total; the adder's range never ends because the feeder never closes.
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
