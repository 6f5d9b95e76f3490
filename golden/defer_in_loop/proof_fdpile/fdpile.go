// Package fdpile counts the lines of many files, reporting progress after each file.
package fdpile

import (
	"bufio"
	"os"
)

// CountLines returns the total number of lines in paths, skipping files that
// cannot be opened. progress is called after each file has been counted.
func CountLines(paths []string, progress func()) int {
	total := 0
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			continue
		}
		defer f.Close() // want "defer f.Close\\(\\) inside a loop"
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			total++
		}
		progress()
	}
	return total
}
