package server

import (
	"net"
	"net/http"
)

// Run gives the listener to http.Serve, which owns (and closes) it.
func Run(addr string, h http.Handler) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	return http.Serve(ln, h)
}
