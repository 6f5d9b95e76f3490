// Package fdcount reads the first line of small state files.
package fdcount

import (
	"bufio"
	"errors"
	"os"
)

// ErrEmpty is returned for a file without any line.
var ErrEmpty = errors.New("fdcount: empty file")

// FirstLine returns the first line of the file at path. The empty-file path
// returns before the Close at the end, leaking one descriptor per call.
func FirstLine(path string) (string, error) {
	f, err := os.Open(path) // want "file f from os.Open is not closed on every path"
	if err != nil {
		return "", err
	}
	sc := bufio.NewScanner(f)
	if !sc.Scan() {
		if err := sc.Err(); err != nil {
			return "", err
		}
		return "", ErrEmpty
	}
	line := sc.Text()
	f.Close()
	return line, nil
}
