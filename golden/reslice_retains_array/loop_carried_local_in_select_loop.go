// Package ingest batches events in a worker loop that runs until stopped.
package ingest

import "time"

type Event struct {
	Name string
	At   time.Time
}

func Worker(in <-chan *Event, stop <-chan struct{}, flush func([]*Event)) {
	var batch []*Event
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	for {
		select {
		case <-stop:
			return
		case ev := <-in:
			batch = append(batch, ev)
		case <-tick.C:
			n := min(len(batch), 100)
			flush(batch[:n])
			batch = batch[n:] // want "batch is carried across the iterations of the loop on line 15"
		}
	}
}
