package unnamederror

import "os"

// save writes data but returns an unnamed error: a plain defer would drop Close's
// error, so the fix is only offered as unsafe and this file stays as it is.
func save(path string, data []byte) error {
	f, err := os.Create(path) // want "file f from os.Create is never closed"
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	return err
}
