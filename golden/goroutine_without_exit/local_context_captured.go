package p

import "context"

type Job struct{ ID int }

// Spawn returns the cancel func; the goroutine already uses ctx but never
// returns when it is cancelled.
func Spawn(parent context.Context, jobs <-chan Job, run func(context.Context, Job)) context.CancelFunc {
	ctx, cancel := context.WithCancel(parent)
	go func() { // want "goroutine never exits"
		for {
			j := <-jobs
			run(ctx, j)
		}
	}()
	return cancel
}
