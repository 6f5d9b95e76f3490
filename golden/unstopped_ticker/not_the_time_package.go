package cases

import "time"

type fakeClock struct{}

type fakeTicker struct{ C chan time.Time }

func (fakeClock) NewTicker(time.Duration) *fakeTicker { return &fakeTicker{C: make(chan time.Time)} }

// clock is a value with a NewTicker method, and time is shadowed by a parameter.
func useFake(clock fakeClock, time fakeClock) int {
	a := clock.NewTicker(1)
	b := time.NewTicker(1)
	return cap(a.C) + cap(b.C)
}
