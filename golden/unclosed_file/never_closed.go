package neverclosed

import (
	"io"
	"os"
)

// size reads the whole file and never closes it.
func size(path string) (int, error) {
	f, err := os.Open(path) // want "file f from os.Open is never closed"
	if err != nil {
		return 0, err
	}
	data, err := io.ReadAll(f)
	if err != nil {
		return 0, err
	}
	return len(data), nil
}
