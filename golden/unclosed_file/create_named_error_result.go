package namederror

import "os"

// save writes data; Close's error reports data that never reached the disk.
func save(path string, data []byte) (err error) {
	f, err := os.Create(path) // want "file f from os.Create is never closed"
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	return err
}
