// Package window counts per-client requests in a map swapped out every interval.
package window

import "time"

type Limiter struct {
	counts map[string]int
	tick   *time.Ticker
}

func (l *Limiter) Run() {
	for range l.tick.C {
		l.counts = make(map[string]int)
	}
}

func (l *Limiter) Allow(client string) bool {
	l.counts[client]++
	return l.counts[client] <= 100
}
