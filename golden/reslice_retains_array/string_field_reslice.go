// Package lexer consumes a string: strings share memory too but are out of scope.
package lexer

type Stream struct {
	rest string
}

func (s *Stream) Run() {}

func (s *Stream) Skip(n int) {
	s.rest = s.rest[n:]
}
