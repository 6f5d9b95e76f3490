package client

import "net"

// Client keeps its connection until Close.
type Client struct {
	conn net.Conn
}

// New dials and stores the connection.
func New(addr string) (*Client, error) {
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	return &Client{conn: conn}, nil
}

// Close closes the connection.
func (c *Client) Close() error { return c.conn.Close() }
