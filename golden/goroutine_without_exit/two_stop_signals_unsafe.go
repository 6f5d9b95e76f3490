package p

import "context"

type Pump struct {
	in   chan int
	stop chan struct{}
	sum  int
}

func (p *Pump) Stop() { close(p.stop) }

// Both ctx and p.stop could end the loop: which one is meant is a choice.
func (p *Pump) Start(ctx context.Context) {
	go func() { // want "goroutine never exits"
		for {
			select {
			case v := <-p.in:
				if ctx.Err() == nil {
					p.sum += v
				}
			}
		}
	}()
}
