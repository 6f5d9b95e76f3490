// Package decode pools decoder state that has a reset method nobody calls.
package decode

import "sync"

type state struct {
	stack []string
	depth int
}

func (s *state) reset() {
	s.stack = s.stack[:0]
	s.depth = 0
}

var states = sync.Pool{New: func() any { return new(state) }}

func Depth(tokens []string) int {
	st := states.Get().(*state)
	for _, t := range tokens {
		st.stack = append(st.stack, t)
		st.depth = max(st.depth, len(st.stack))
	}
	d := st.depth
	states.Put(st) // want `st \(\*state\) goes back to states without a reset`
	return d
}
