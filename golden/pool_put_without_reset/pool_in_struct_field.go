// Package server keeps its buffer pool in a struct field.
package server

import (
	"bytes"
	"strconv"
	"sync"
)

type Server struct {
	bufs sync.Pool
	out  func([]byte)
}

func (s *Server) reply(code int, body []byte) {
	buf, _ := s.bufs.Get().(*bytes.Buffer)
	buf.WriteString(strconv.Itoa(code))
	buf.Write(body)
	s.out(buf.Bytes())
	if buf.Cap() > 1<<16 {
		return
	}
	s.bufs.Put(buf) // want "without a reset"
}
