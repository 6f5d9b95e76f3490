package cases

import "time"

func stamps(in <-chan struct{}, d time.Duration) []time.Time {
	var out []time.Time
	for i := 0; i < 10; i++ {
		select {
		case <-in:
			out = append(out, time.Time{})
		case t, ok := <-time.After(d): // want "time.After in a loop"
			if ok {
				out = append(out, t)
			}
		}
	}
	return out
}
