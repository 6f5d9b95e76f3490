package cases

import "time"

func deadlineTimer(d time.Duration) *time.Timer {
	t := time.NewTimer(d)
	return t
}
