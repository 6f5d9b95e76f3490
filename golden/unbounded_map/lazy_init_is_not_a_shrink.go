// Package peers records every peer address a node has talked to.
package peers

type Node struct {
	lastSeen map[string]int64
}

func (n *Node) Start() {}

func (n *Node) observe(addr string, now int64) {
	if n.lastSeen == nil {
		n.lastSeen = make(map[string]int64)
	}
	n.lastSeen[addr] = now // want "map field Node.lastSeen only grows"
}
