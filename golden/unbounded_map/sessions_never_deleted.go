// Package auth keeps a session per login in a server that runs until shut down.
package auth

import (
	"net"
	"sync"
)

type Session struct {
	User  string
	Token string
}

type Server struct {
	mu       sync.Mutex
	sessions map[string]*Session
}

func (s *Server) Serve(l net.Listener) error {
	for {
		c, err := l.Accept()
		if err != nil {
			return err
		}
		c.Close()
	}
}

func (s *Server) login(user, token string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sessions[token] = &Session{User: user, Token: token} // want `map field Server.sessions only grows: written on lines 32, 39 but never deleted from, cleared, replaced or bounded \(Server looks long-lived: it has a Serve method\)`
}

func (s *Server) refresh(old, token string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if sess, ok := s.sessions[old]; ok {
		s.sessions[token] = sess
	}
}
