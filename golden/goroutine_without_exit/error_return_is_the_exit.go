package p

import (
	"io"
	"log"
)

// The loop ends when Read fails (io.EOF on close): that return is its exit.
func Pipe(r io.Reader, handle func([]byte)) {
	go func() {
		buf := make([]byte, 4096)
		for {
			n, err := r.Read(buf)
			if err != nil {
				if err != io.EOF {
					log.Println(err)
				}
				return
			}
			handle(buf[:n])
		}
	}()
}
