// Package sched keeps its run queue in a named slice type.
package sched

type Task struct {
	Name string
	Run  func()
}

type runQueue []*Task

type Scheduler struct {
	ready runQueue
}

func (s *Scheduler) Start() {}

func (s *Scheduler) Take(n int) runQueue {
	taken := s.ready[:n]
	s.ready = s.ready[n:] // want "ready is a field of Scheduler"
	return taken
}
