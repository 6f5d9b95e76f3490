package cases

import "time"

type scheduler struct{ tickers []*time.Ticker }

func (s *scheduler) adopt(t *time.Ticker) { s.tickers = append(s.tickers, t) }

// The scheduler keeps the ticker (and stops it later): it is handed on.
func schedule(s *scheduler, d time.Duration) {
	t := time.NewTicker(d)
	s.adopt(t)
}
