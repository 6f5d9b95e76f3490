package fake

import "net"

type Relay struct {
	addr string
}

// Start listens on a free port and records it; the listener serves until exit.
func (r *Relay) Start() error {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	r.addr = ln.Addr().String()
	return nil
}
