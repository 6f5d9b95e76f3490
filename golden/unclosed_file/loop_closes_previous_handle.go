package previous

import (
	"io"
	"os"
)

// copyAll reuses one variable and closes the previous file before opening the next.
func copyAll(dst io.Writer, paths []string) error {
	var f *os.File
	var err error
	for _, p := range paths {
		if f != nil {
			f.Close()
		}
		f, err = os.Open(p)
		if err != nil {
			return err
		}
		if _, err = io.Copy(dst, f); err != nil {
			f.Close()
			return err
		}
	}
	if f != nil {
		return f.Close()
	}
	return nil
}
