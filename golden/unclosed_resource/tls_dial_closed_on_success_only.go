package client

import "crypto/tls"

// Handshake closes the connection only when the handshake worked.
func Handshake(addr string, config *tls.Config) (string, error) {
	conn, err := tls.Dial("tcp", addr, config) // want "conn from tls.Dial is not closed on every path \\(the return on line 12 skips it\\)"
	if err != nil {
		return "", err
	}
	if err := conn.Handshake(); err != nil {
		return "", err
	}
	proto := conn.ConnectionState().NegotiatedProtocol
	conn.Close()
	return proto, nil
}
