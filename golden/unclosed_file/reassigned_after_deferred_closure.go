package reassigned

import (
	"io"
	"os"
)

// copyFirst closes whichever file f holds when it returns.
func copyFirst(dst io.Writer, paths []string) error {
	var f *os.File
	defer func() {
		if f != nil {
			f.Close()
		}
	}()
	var err error
	f, err = os.Open(paths[0])
	if err != nil {
		return err
	}
	_, err = io.Copy(dst, f)
	return err
}
