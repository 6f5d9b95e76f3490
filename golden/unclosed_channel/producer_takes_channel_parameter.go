package p

import "bufio"
import "strings"

func Words(text string) int {
	words := make(chan string)
	go func(out chan<- string) {
		s := bufio.NewScanner(strings.NewReader(text))
		s.Split(bufio.ScanWords)
		for s.Scan() {
			out <- s.Text()
		}
	}(words)
	n := 0
	for range words { // want "range over words never ends"
		n++
	}
	return n
}
