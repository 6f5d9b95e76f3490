// Package wordcount fills a map on a value that lives for one call.
package wordcount

type Counter struct {
	words map[string]int
}

func (c *Counter) Add(w string) { c.words[w]++ }

func Count(words []string) map[string]int {
	c := &Counter{words: map[string]int{}}
	for _, w := range words {
		c.Add(w)
	}
	return c.words
}
