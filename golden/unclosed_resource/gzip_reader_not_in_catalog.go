package archive

import (
	"compress/gzip"
	"io"
)

// Decompress never closes the gzip reader: its Close releases nothing (it
// does not close r), so it is not in the catalog.
func Decompress(r io.Reader) ([]byte, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, err
	}
	return io.ReadAll(zr)
}
