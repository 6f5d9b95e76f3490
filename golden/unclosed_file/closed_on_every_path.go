package everypath

import (
	"errors"
	"os"
)

func firstByte(path string) (byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	buf := make([]byte, 1)
	n, err := f.Read(buf)
	switch {
	case err != nil:
		f.Close()
		return 0, err
	case n == 0:
		f.Close()
		return 0, errors.New("empty file")
	}
	if err := f.Close(); err != nil {
		return 0, err
	}
	return buf[0], nil
}
