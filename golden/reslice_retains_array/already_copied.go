// Package retry copies the remainder into a fresh array when draining.
package retry

type Job struct{ ID int }

type Dispatcher struct {
	retry []*Job
}

func (d *Dispatcher) Run() {}

func (d *Dispatcher) drain(n int) {
	d.retry = append([]*Job(nil), d.retry[n:]...)
}
