package cases

import (
	"io"
	"os"
)

func copyAll(dst io.Writer, paths []string) error {
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			continue
		}
		defer f.Close() // want `defer f.Close\(\) inside a loop`
		if _, err := io.Copy(dst, f); err != nil {
			return err // a return inside func() { ... }() would not leave copyAll
		}
	}
	return nil
}
