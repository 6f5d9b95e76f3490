package p

func Evens(n int) []int {
	ch := make(chan int)
	go func() {
		defer close(ch)
		for i := 0; i < n; i += 2 {
			ch <- i
		}
	}()
	var out []int
	for v := range ch {
		out = append(out, v)
	}
	return out
}
