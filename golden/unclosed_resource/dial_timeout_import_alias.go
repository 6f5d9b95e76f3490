package probe

import (
	"errors"
	stdnet "net"
	"time"
)

// Reachable dials with a timeout; the connection is dropped on the floor.
func Reachable(addr string) error {
	c, err := stdnet.DialTimeout("tcp", addr, time.Second) // want "c from stdnet.DialTimeout is never closed"
	if err != nil {
		return err
	}
	if c.RemoteAddr() == nil {
		return errors.New("no remote address")
	}
	return nil
}
