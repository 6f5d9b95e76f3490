package lostcancel

import "context"

func forwardEvents(ctx context.Context, events <-chan string, sink chan<- string) {
	for {
		select {
		case <-ctx.Done():
			return
		case e := <-events:
			sink <- e
		}
	}
}

// watchEvents cancels with a cause on failure, but not on success.
func watchEvents(parent context.Context, events <-chan string, sink chan<- string, errs <-chan error) error {
	ctx, cancel := context.WithCancelCause(parent) // want "context leak"
	go forwardEvents(ctx, events, sink)
	if err := <-errs; err != nil {
		cancel(err)
		return err
	}
	return nil
}
