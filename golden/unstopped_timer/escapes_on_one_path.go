package cases

import "time"

type deadline struct{ t *time.Timer }

// Stored on one path, dropped on the other: the fix is display-only.
func arm(d *deadline, keep bool) {
	t := time.NewTimer(time.Minute) // want "not stopped on every path"
	if keep {
		d.t = t
		return
	}
}
