package p

import "time"

var uptime time.Duration

// Goroutines started by init live as long as the process.
func init() {
	go func() {
		for {
			time.Sleep(time.Second)
			uptime += time.Second
		}
	}()
}
