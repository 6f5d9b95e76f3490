package logs

import (
	"compress/gzip"
	"io"
	"os"
)

// Archive copies a log into a gzip stream. The file from os.Open belongs to
// the unclosed-file rule; this rule does not report it again.
func Archive(path string, w io.Writer) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	zw := gzip.NewWriter(w)
	defer zw.Close()
	_, err = io.Copy(zw, f)
	return err
}
