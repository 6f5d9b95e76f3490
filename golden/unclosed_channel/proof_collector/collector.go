// Package collector transforms items in a goroutine and collects the results.
package collector

import "strings"

// Collect upper-cases items in a producer goroutine and gathers them; the
// producer never closes the channel, so the range never ends.
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
