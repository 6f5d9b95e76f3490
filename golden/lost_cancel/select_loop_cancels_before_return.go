package lostcancel

import "context"

type result struct {
	Value int
	Err   error
}

type aggregator struct {
	quit chan struct{}
}

func (a *aggregator) produce(ctx context.Context) <-chan result {
	out := make(chan result)
	go func() {
		defer close(out)
		select {
		case <-ctx.Done():
		case out <- result{Value: 1}:
		}
	}()
	return out
}

// Run loops forever and only returns after calling cancel.
func (a *aggregator) Run(parent context.Context) (int, error) {
	ctx, cancel := context.WithCancel(parent)
	results := a.produce(ctx)
	sum := 0
	for {
		select {
		case r, ok := <-results:
			if !ok {
				cancel()
				return sum, nil
			}
			if r.Err != nil {
				cancel()
				return sum, r.Err
			}
			sum += r.Value
		case <-a.quit:
			cancel()
			return sum, nil
		}
	}
}
