package returned

import (
	"fmt"
	"os"
)

// openChecked hands the open file to the caller, who closes it.
func openChecked(path string) (*os.File, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if info.IsDir() {
		f.Close()
		return nil, fmt.Errorf("%s is a directory", path)
	}
	return f, nil
}
