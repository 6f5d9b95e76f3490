// Package history pops queued command lines from a shell's long-lived input queue.
package history

type Shell struct {
	pending []string
}

func (s *Shell) Run() {}

func (s *Shell) push(line string) { s.pending = append(s.pending, line) }

func (s *Shell) next() string {
	line := s.pending[0]
	s.pending = s.pending[1:] // want `s.pending = s.pending\[1:\] keeps the dropped elements in the backing array`
	return line
}
