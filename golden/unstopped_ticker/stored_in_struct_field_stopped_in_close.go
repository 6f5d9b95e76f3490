package cases

import "time"

type Reporter struct {
	ticker *time.Ticker
	other  *time.Ticker
}

// Start keeps the tickers in the struct; Close stops them.
func (r *Reporter) Start(d time.Duration) {
	t := time.NewTicker(d)
	r.ticker = t
	r.other = time.NewTicker(2 * d)
}

func (r *Reporter) Close() {
	r.ticker.Stop()
	r.other.Stop()
}
