// Package relay drains a long-lived hub's backlog from a plain function.
package relay

type Packet struct {
	Data []byte
}

type Hub struct {
	backlog []*Packet
}

func (h *Hub) Serve() {}

func flush(h *Hub, n int, send func([]*Packet)) {
	send(h.backlog[:n])
	h.backlog = h.backlog[n:] // want "backlog is a field of Hub"
}
