package p

import (
	"errors"
	"time"
)

// On timeout the function still waits for the value before returning.
func Await(work func() int, d time.Duration) (int, error) {
	ch := make(chan int)
	go func() {
		ch <- work()
	}()
	select {
	case v := <-ch:
		return v, nil
	case <-time.After(d):
		<-ch
		return 0, errors.New("await: slow")
	}
}
