package p

func Squares(n int) int {
	results := make(chan int, n)
	go func() {
		for i := 0; i < n; i++ {
			results <- i * i
		}
	}()
	sum := 0
	for r := range results { // want "range over results never ends"
		sum += r
	}
	return sum
}
