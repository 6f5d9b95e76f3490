package p

import "strconv"

// The producer stops at the first bad number: defer closes on that path too.
func Parse(fields []string) []int {
	nums := make(chan int)
	go func() {
		for _, f := range fields {
			n, err := strconv.Atoi(f)
			if err != nil {
				return
			}
			nums <- n
		}
	}()
	var out []int
	for n := range nums { // want "range over nums never ends"
		out = append(out, n)
	}
	return out
}
