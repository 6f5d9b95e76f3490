package readonly

import "os"

// header reads the first bytes of a file opened read-only.
func header(path string) ([]byte, error) {
	f, err := os.OpenFile(path, os.O_RDONLY, 0) // want "file f from os.OpenFile is never closed"
	if err != nil {
		return nil, err
	}
	buf := make([]byte, 16)
	n, err := f.Read(buf)
	if err != nil {
		return nil, err
	}
	return buf[:n], nil
}
