package ifinit

import (
	"io"
	"os"
)

// load opens the file in an if header: that form is not analysed.
func load(path string) []byte {
	if f, err := os.Open(path); err == nil {
		data, _ := io.ReadAll(f)
		return data
	}
	return nil
}
