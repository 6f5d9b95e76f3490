package p

import (
	"log"
	"time"
)

// The other case only logs and loops: the receive happens eventually.
func Wait(work func() string) string {
	ch := make(chan string)
	go func() {
		ch <- work()
	}()
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		select {
		case s := <-ch:
			return s
		case <-tick.C:
			log.Println("still waiting")
		}
	}
}
