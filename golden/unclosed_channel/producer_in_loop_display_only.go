package p

// One goroutine per input: several producers again.
func Lengths(inputs []string) []int {
	ch := make(chan int)
	for _, in := range inputs {
		go func(s string) {
			ch <- len(s)
		}(in)
	}
	var out []int
	for n := range ch { // want "range over ch never ends"
		out = append(out, n)
	}
	return out
}
