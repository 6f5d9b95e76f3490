package varalias

import (
	"io"
	"os"
)

func size(path string) (int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	var c io.ReadCloser = f
	defer c.Close()
	return io.Copy(io.Discard, c)
}
