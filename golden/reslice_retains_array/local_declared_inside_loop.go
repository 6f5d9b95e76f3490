// Package lines reslices a local that is rebuilt on every iteration.
package lines

func Longest(in <-chan []string) int {
	best := 0
	for {
		batch, ok := <-in
		if !ok {
			return best
		}
		rest := batch
		rest = rest[1:]
		best = max(best, len(rest))
	}
}
