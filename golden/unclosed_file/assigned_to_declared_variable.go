package assigned

import (
	"io"
	"os"
)

// load assigns to variables declared up front.
func load(path string) ([]byte, error) {
	var f *os.File
	var err error
	f, err = os.Open(path) // want "file f from os.Open is never closed"
	if err != nil {
		return nil, err
	}
	return io.ReadAll(f)
}
