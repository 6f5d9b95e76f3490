package cases

import (
	"log"
	"time"
)

func measure(n int) {
	t := time.NewTicker(time.Millisecond)
	defer func() {
		t.Stop()
		log.Println("stopped")
	}()
	for i := 0; i < n; i++ {
		<-t.C
	}
}
