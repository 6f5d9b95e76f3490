package probe

import "net"

// FirstUp dials each address in turn; a deferred close would wait for the
// whole loop, so this is reported without an automatic fix.
func FirstUp(addrs []string) string {
	for _, a := range addrs {
		conn, err := net.Dial("tcp", a) // want "conn from net.Dial is never closed"
		if err != nil {
			continue
		}
		if conn.RemoteAddr() != nil {
			return a
		}
	}
	return ""
}
