package lostcancel

import (
	"context"
	"net"
	"time"
)

// dialBroker uses the var form; the dial error path skips cancel.
func dialBroker(parent context.Context, addr string) (net.Conn, error) {
	var ctx, cancel = context.WithTimeout(parent, 3*time.Second) // want "context leak"
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return nil, err
	}
	cancel()
	return conn, nil
}
