package cerrtaken

import "os"

// save already uses the name cerr.
func save(path string, data []byte, cerr error) (err error) {
	if cerr != nil {
		return cerr
	}
	f, err := os.Create(path) // want "file f from os.Create is never closed"
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	return err
}
