package discarded

import (
	"io"
	"os"
)

// load ignores the open error: f may be nil, so the fix is only shown.
func load(path string) []byte {
	f, _ := os.Open(path) // want "file f from os.Open is never closed"
	data, _ := io.ReadAll(f)
	return data
}
