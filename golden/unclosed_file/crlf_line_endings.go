package crlf

import (
	"io"
	"os"
)

// count reads a file whose lines end in CRLF.
func count(path string) (int, error) {
	f, err := os.Open(path) // want "file f from os.Open is never closed"
	if err != nil {
		return 0, err
	}
	data, err := io.ReadAll(f)
	return len(data), err
}
