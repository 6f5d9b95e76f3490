package cases

import "net"

func send(conn net.Conn, msgs [][]byte) {
	for _, m := range msgs {
		if _, err := conn.Write(m); err != nil {
			defer conn.Close()
			break
		}
	}
}
