package metrics

import "net"

// Send ignores the dial error: conn may be nil, so the fix is display-only.
func Send(addr *net.UDPAddr, line string) {
	conn, _ := net.DialUDP("udp", nil, addr) // want "conn from net.DialUDP is never closed"
	if conn == nil {
		return
	}
	conn.Write([]byte(line))
}
