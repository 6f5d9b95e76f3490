package p

import "runtime"

// runtime.Goexit ends the goroutine: the loop has a way out.
func Serve(requests <-chan string, handle func(string) bool) {
	go func() {
		for {
			r := <-requests
			if !handle(r) {
				runtime.Goexit()
			}
		}
	}()
}
