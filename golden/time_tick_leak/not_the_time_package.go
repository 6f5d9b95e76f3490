package cases

import "time"

type metronome struct{ c chan time.Time }

func (m metronome) Tick(time.Duration) <-chan time.Time { return m.c }

func Tick(time.Duration) <-chan time.Time { return nil }

// m.Tick and a package-local Tick are not time.Tick.
func useOthers(m metronome) {
	for range m.Tick(time.Second) {
		return
	}
	for range Tick(time.Second) {
		return
	}
}
