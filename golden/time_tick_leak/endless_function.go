package cases

import (
	"log"
	"time"
)

// Functions whose only way out is an endless loop (or the end of the process).
func runForever(work func() error) {
	for range time.Tick(time.Second) {
		if err := work(); err != nil {
			log.Fatal(err)
		}
	}
}

func serveTicks(in <-chan int, handle func(int), flush func()) {
	tick := time.Tick(time.Second)
	for {
		select {
		case v := <-in:
			handle(v)
		case <-tick:
			flush()
		}
	}
}
