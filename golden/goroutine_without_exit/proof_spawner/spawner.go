// Package spawner runs jobs in a goroutine that its cancel func should stop.
package spawner

import "context"

// Job is a unit of work.
type Job struct{ ID int }

// Spawn runs jobs received on jobs; the returned cancel func is meant to stop
// the runner, but the runner never looks at ctx.Done().
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
