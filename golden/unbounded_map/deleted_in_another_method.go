// Package auth2 deletes a session on logout, in another method than the write.
package auth2

type Server struct {
	sessions map[string]string
}

func (s *Server) Serve() {}

func (s *Server) login(token, user string) { s.sessions[token] = user }

func (s *Server) logout(token string) { delete(s.sessions, token) }
