package lostcancel

import (
	"context"
	"net"
	"time"
)

// mustListen panics on failure: the panic ends the path, no leak there.
func mustListen(addr string) net.Listener {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", addr)
	if err != nil {
		panic(err)
	}
	cancel()
	return ln
}
