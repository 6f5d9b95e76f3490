package cases

import (
	"io"
	"os"
)

// firstReadable returns the content of the first file that opens: the defer runs once.
func firstReadable(paths []string) ([]byte, error) {
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			continue
		}
		defer f.Close()
		return io.ReadAll(f)
	}
	return nil, os.ErrNotExist
}
