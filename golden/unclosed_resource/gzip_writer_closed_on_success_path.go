package archive

import (
	"bytes"
	"compress/gzip"
)

// Compress closes the writer (checking its error) before reading the output;
// the early return gives up on the output, where no Close is needed.
func Compress(data []byte) ([]byte, error) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(data); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
