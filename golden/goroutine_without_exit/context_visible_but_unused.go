package p

import "context"

type Counter struct {
	hits chan struct{}
	n    int
}

// Start has a ctx, but the goroutine never used it: it may be meant to
// outlive the call, so tying it to ctx is only offered as an unsafe fix.
func (c *Counter) Start(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	go func() { // want "goroutine never exits"
		for {
			select {
			case <-c.hits:
				c.n++
			}
		}
	}()
	return nil
}
