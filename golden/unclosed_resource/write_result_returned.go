package client

import "net"

// Hello returns what Write returns: a count and an error, not the connection (nor where
// it is reached), so the connection still leaks.
func Hello(addr string) (int, error) {
	conn, err := net.Dial("tcp", addr) // want "conn from net.Dial is never closed"
	if err != nil {
		return 0, err
	}
	local := conn.LocalAddr().String()
	return conn.Write([]byte("hello from " + local + "\n"))
}
