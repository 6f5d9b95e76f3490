package client

import "net"

// Ping closes its connection with a defer.
func Ping(addr string) error {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	defer conn.Close()
	_, err = conn.Write([]byte("PING\n"))
	return err
}
