package main

import (
	"fmt"
	"time"
)

// A goroutine started by main lives as long as the process: no leak.
func main() {
	go func() {
		for {
			time.Sleep(time.Minute)
			fmt.Println("still here")
		}
	}()
	time.Sleep(time.Millisecond)
}
