package cases

import "time"

var beats = make(chan time.Time)

// init runs once; the goroutine loops for ever.
func init() {
	c := time.Tick(time.Minute)
	go func() {
		for t := range c {
			beats <- t
		}
	}()
}
