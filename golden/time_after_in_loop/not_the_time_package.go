package cases

import "time"

type clock struct{ c chan time.Time }

func (c clock) After(time.Duration) <-chan time.Time { return c.c }

func withFakeClock(c clock, in <-chan int) {
	for {
		select {
		case <-in:
		case <-c.After(time.Second):
			return
		}
	}
}
