package cases

import "time"

func expiredAlready(d time.Duration) bool {
	t := time.NewTimer(d)
	select {
	case <-t.C:
		return true
	default:
		return false
	}
}
