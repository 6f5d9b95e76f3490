package cases

import "time"

func watchdog(alive <-chan struct{}, dead func()) {
	go func() {
		for {
			t := time.NewTimer(time.Second) // want "made in a loop and not stopped"
			select {
			case <-alive:
			case <-t.C:
				dead()
				return
			}
		}
	}()
}
