package p

// The consumer stops after n values on its own.
func Take(n int, gen func() int) []int {
	ch := make(chan int)
	go func() {
		for i := 0; i < n; i++ {
			ch <- gen()
		}
	}()
	var out []int
	for v := range ch {
		out = append(out, v)
		if len(out) == n {
			break
		}
	}
	return out
}
