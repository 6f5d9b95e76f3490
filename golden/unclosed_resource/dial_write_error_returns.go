package client

import "net"

// Ping sends one line and returns; no path closes the connection.
func Ping(addr string) error {
	conn, err := net.Dial("tcp", addr) // want "conn from net.Dial is never closed"
	if err != nil {
		return err
	}
	if _, err := conn.Write([]byte("PING\n")); err != nil {
		return err
	}
	buf := make([]byte, 5)
	_, err = conn.Read(buf)
	return err
}
