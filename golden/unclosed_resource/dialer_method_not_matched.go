package client

import (
	"context"
	"net"
)

// Dial uses a net.Dialer method: methods of standard types are not in the
// catalog (receiver types are unknown to a syntax-only tool).
func Dial(ctx context.Context, addr string) (string, error) {
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return "", err
	}
	return conn.LocalAddr().String(), nil
}
