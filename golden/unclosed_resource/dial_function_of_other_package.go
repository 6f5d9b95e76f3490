package client

import (
	"net"
	"net/rpc/jsonrpc"
)

// Call dials through jsonrpc, whose Dial is not in the catalog, and closes
// the net.Conn it dialled itself.
func Call(addr string) (net.Addr, error) {
	c, err := jsonrpc.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	defer c.Close()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	return conn.LocalAddr(), nil
}
