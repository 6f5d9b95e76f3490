package cases

import "time"

// On one path the ticker is handed to the caller, on the other it is dropped: stopping
// it with a defer would break the caller's ticker, so the fix is display-only.
func maybeTicker(enabled bool, d time.Duration) *time.Ticker {
	t := time.NewTicker(d) // want "not stopped on every path"
	if enabled {
		return t
	}
	return nil
}
