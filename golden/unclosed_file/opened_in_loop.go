package inloop

import (
	"io"
	"os"
)

// total opens one file per iteration; a defer would pile up until the function
// returns, so the fix is only shown.
func total(paths []string) (int64, error) {
	var sum int64
	for _, p := range paths {
		f, err := os.Open(p) // want "file f from os.Open is never closed"
		if err != nil {
			return 0, err
		}
		n, err := io.Copy(io.Discard, f)
		if err != nil {
			return 0, err
		}
		sum += n
	}
	return sum, nil
}
