package client

import "net"

// Open hands the connection back when asked to keep it, and drops it
// otherwise: reported without an automatic fix.
func Open(addr string, keep bool) (net.Conn, error) {
	conn, err := net.Dial("tcp", addr) // want "conn from net.Dial is not closed on every path \\(the return on line 15 skips it\\)"
	if err != nil {
		return nil, err
	}
	if keep {
		return conn, nil
	}
	return nil, nil
}
