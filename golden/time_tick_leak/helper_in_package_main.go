package main

import (
	"fmt"
	"time"
)

// Only main itself lives for ever; a helper that returns leaks a ticker per call.
func countdown(n int) {
	for range time.Tick(10 * time.Millisecond) { // want "time.Tick leaks its ticker"
		if n == 0 {
			return
		}
		fmt.Println(n)
		n--
	}
}

func main() {
	countdown(3)
}
