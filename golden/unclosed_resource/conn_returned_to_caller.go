package client

import (
	"net"
	"time"
)

// Connect hands the connection to its caller, who closes it.
func Connect(addr string) (net.Conn, error) {
	conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		return nil, err
	}
	return conn, nil
}
