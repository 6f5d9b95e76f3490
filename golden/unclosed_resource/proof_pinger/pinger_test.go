package pinger

import (
	"io"
	"net"
	"runtime/debug"
	"testing"
	"time"
)

func TestPingClosesItsConnection(t *testing.T) {
	// No garbage collection: a finalizer must not close the leaked socket for us.
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	hungUp := make(chan struct{})
	go func() {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		line := make([]byte, 5)
		if _, err := io.ReadFull(c, line); err != nil {
			return
		}
		c.Write([]byte("PONG\n"))
		io.Copy(io.Discard, c) // returns once the client closes its end
		close(hungUp)
	}()
	if err := Ping(ln.Addr().String()); err != nil {
		t.Fatal(err)
	}
	select {
	case <-hungUp:
	case <-time.After(time.Second):
		t.Fatal("Ping returned but its connection is still open")
	}
}
