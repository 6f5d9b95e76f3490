package cases

import "time"

func startFlusher(flush func(), done <-chan struct{}) {
	go func() {
		t := time.NewTicker(time.Second) // want "never stopped"
		for {
			select {
			case <-t.C:
				flush()
			case <-done:
				return
			}
		}
	}()
}
