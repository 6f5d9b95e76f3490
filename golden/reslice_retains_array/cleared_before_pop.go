// Package jobs drops the popped element's reference before reslicing.
package jobs

type Job struct{ Name string }

type Runner struct {
	queue []*Job
}

func (r *Runner) Run() {
	for len(r.queue) > 0 {
		j := r.queue[0]
		r.queue[0] = nil
		r.queue = r.queue[1:]
		_ = j
	}
}
