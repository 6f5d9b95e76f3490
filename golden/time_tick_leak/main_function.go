package main

import (
	"fmt"
	"time"
)

// main never hands control back: its ticker is needed until the process exits.
func main() {
	for t := range time.Tick(time.Second) {
		fmt.Println(t)
	}
}
