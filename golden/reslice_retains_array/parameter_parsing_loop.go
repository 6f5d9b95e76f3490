// Package frames walks the caller's buffer: the array is the caller's anyway.
package frames

import "encoding/binary"

func Count(buf []byte) int {
	frames := 0
	for {
		if len(buf) < 2 {
			return frames
		}
		size := int(binary.BigEndian.Uint16(buf))
		if len(buf) < 2+size {
			return frames
		}
		buf = buf[2+size:]
		frames++
	}
}
