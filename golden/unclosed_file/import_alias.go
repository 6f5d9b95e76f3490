package alias

import (
	"io"
	stdos "os"
)

// load uses an aliased os import.
func load(path string) ([]byte, error) {
	f, err := stdos.Open(path) // want "file f from stdos.Open is never closed"
	if err != nil {
		return nil, err
	}
	return io.ReadAll(f)
}
