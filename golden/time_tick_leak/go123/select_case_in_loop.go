package cases

import "time"

func relay(in <-chan string, out chan<- string, ping func()) {
	for {
		select {
		case s, ok := <-in:
			if !ok {
				return
			}
			out <- s
		case <-time.Tick(time.Second):
			ping()
		}
	}
}
