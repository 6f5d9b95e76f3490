package cases

import "os"

// closeLater closes files opened elsewhere when it returns: nothing piles up per iteration.
func closeLater(files []*os.File) int {
	for _, f := range files {
		defer f.Close()
	}
	return len(files)
}
