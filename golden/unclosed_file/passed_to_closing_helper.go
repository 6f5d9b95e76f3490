package helper

import (
	"io"
	"os"
)

// drain reads everything and closes r.
func drain(r io.ReadCloser) (int64, error) {
	defer r.Close()
	return io.Copy(io.Discard, r)
}

func size(path string) (int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	return drain(f)
}
