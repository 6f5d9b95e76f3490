package earlyreturn

import (
	"bufio"
	"os"
)

// firstLine closes the file on the success path only: the scan error returns early.
func firstLine(path string) (string, error) {
	f, err := os.Open(path) // want `not closed on every path \(the return on line 16 skips it\)`
	if err != nil {
		return "", err
	}
	s := bufio.NewScanner(f)
	if !s.Scan() {
		return "", s.Err()
	}
	line := s.Text()
	f.Close()
	return line, nil
}
