package cases

import "time"

func recvTimeout(in <-chan string, d time.Duration) (string, bool) {
	t := time.NewTimer(d)
	select {
	case s := <-in:
		if !t.Stop() {
			<-t.C
		}
		return s, true
	case <-t.C:
		return "", false
	}
}
