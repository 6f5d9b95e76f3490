package p

import "strings"

func Collect(items []string) []string {
	ch := make(chan string)
	go func() {
		for _, it := range items {
			ch <- strings.ToUpper(it)
		}
	}()
	var out []string
	for v := range ch { // want "range over ch never ends"
		out = append(out, v)
	}
	return out
}
