package cases

import "time"

func recvTimeout(in <-chan string) string {
	var t = time.NewTimer(time.Second) // want "not stopped on every path"
	select {
	case s := <-in:
		return s
	case <-t.C:
		return ""
	}
}
