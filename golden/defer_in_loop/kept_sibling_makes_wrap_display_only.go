package cases

import (
	"io"
	"os"
)

// merge keeps every data file open for the MultiReader, but also opens an index per
// path that is only needed during the iteration.
func merge(dst io.Writer, paths []string) error {
	var data []io.Reader
	for _, p := range paths {
		f, err := os.Open(p + ".data")
		if err != nil {
			continue
		}
		defer f.Close() // kept on purpose: read after the loop
		data = append(data, f)
		idx, err := os.Open(p + ".idx")
		if err != nil {
			continue
		}
		defer idx.Close() // want `defer idx.Close\(\) inside a loop`
		if _, err := idx.Stat(); err != nil {
			continue
		}
	}
	_, err := io.Copy(dst, io.MultiReader(data...))
	return err
}
