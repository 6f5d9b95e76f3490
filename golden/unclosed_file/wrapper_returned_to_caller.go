package wrapper

import (
	"bufio"
	"os"
)

// lines returns a scanner over the open file: the file lives as long as the scanner.
func lines(path string) (*bufio.Scanner, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	return bufio.NewScanner(f), nil
}
