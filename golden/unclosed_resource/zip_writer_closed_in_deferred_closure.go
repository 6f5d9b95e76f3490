package bundle

import (
	"archive/zip"
	"io"
)

// Write closes the zip writer in a deferred closure that keeps its error.
func Write(w io.Writer, name string, data []byte) (err error) {
	zw := zip.NewWriter(w)
	defer func() {
		if cerr := zw.Close(); cerr != nil && err == nil {
			err = cerr
		}
	}()
	f, err := zw.Create(name)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	return err
}
