package archive

import (
	"bytes"
	"compress/gzip"
)

// Compress flushes but never closes the gzip writer: the output lacks its
// trailer. Closing in a defer would run after buf.Bytes(), so the fix is
// unsafe and not applied by default.
func Compress(data []byte) ([]byte, error) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf) // want "zw from gzip.NewWriter is never closed: the data it buffers and its trailer are never written"
	if _, err := zw.Write(data); err != nil {
		return nil, err
	}
	if err := zw.Flush(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
