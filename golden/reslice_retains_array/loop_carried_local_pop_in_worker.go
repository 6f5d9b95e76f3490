// Package worker runs queued jobs one at a time from a local queue that lives as long as
// the worker.
package worker

type Job struct {
	Name string
	Run  func()
}

func Serve(jobs <-chan *Job, stop <-chan struct{}) {
	var queue []*Job
	for {
		select {
		case <-stop:
			return
		case j := <-jobs:
			queue = append(queue, j)
		default:
			if len(queue) == 0 {
				continue
			}
			next := queue[0]
			queue = queue[1:] // want "queue is carried across the iterations of the loop on line 12"
			next.Run()
		}
	}
}
