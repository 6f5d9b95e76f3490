package server

import (
	"io"
	"net"
)

// EchoOnce serves one connection and returns, leaving the listener (and its
// port) open.
func EchoOnce(addr string) error {
	ln, err := net.Listen("tcp", addr) // want "ln from net.Listen is never closed"
	if err != nil {
		return err
	}
	c, err := ln.Accept()
	if err != nil {
		return err
	}
	defer c.Close()
	_, err = io.Copy(c, c)
	return err
}
