package cases

import (
	"bufio"
	"io"
	"os"
)

// concat keeps every file open on purpose: they are read after the loop.
func concat(dst io.Writer, paths []string) error {
	var readers []io.Reader
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		readers = append(readers, bufio.NewReader(f))
	}
	_, err := io.Copy(dst, io.MultiReader(readers...))
	return err
}
