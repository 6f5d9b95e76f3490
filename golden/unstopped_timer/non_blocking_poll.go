package cases

import "time"

// The default case leaves without receiving and without stopping.
func expiredAlready(d time.Duration) bool {
	t := time.NewTimer(d) // want "not stopped on every path"
	select {
	case <-t.C:
		return true
	default:
		return false
	}
}
