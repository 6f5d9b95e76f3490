package cases

import "time"

type session struct {
	idle *time.Timer
}

// The timer lives in the session and is stopped by Close.
func (s *session) Open(d time.Duration) {
	t := time.NewTimer(d)
	s.idle = t
}

func (s *session) Close() { s.idle.Stop() }
