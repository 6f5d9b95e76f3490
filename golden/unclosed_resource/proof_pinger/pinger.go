// Package pinger checks that a line-protocol server answers PING.
package pinger

import (
	"fmt"
	"io"
	"net"
)

// Ping sends PING and expects PONG. No path closes the connection: the server
// keeps a goroutine and a descriptor per call until the garbage collector
// happens to finalize the client's socket.
func Ping(addr string) error {
	conn, err := net.Dial("tcp", addr) // want "conn from net.Dial is never closed"
	if err != nil {
		return err
	}
	if _, err := conn.Write([]byte("PING\n")); err != nil {
		return err
	}
	reply := make([]byte, 5)
	if _, err := io.ReadFull(conn, reply); err != nil {
		return err
	}
	if string(reply) != "PONG\n" {
		return fmt.Errorf("pinger: unexpected reply %q", reply)
	}
	return nil
}
