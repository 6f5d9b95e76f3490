package cases

import "time"

func startReporter(report func()) {
	go func() {
		for range time.Tick(time.Second) {
			report()
		}
	}()
}
