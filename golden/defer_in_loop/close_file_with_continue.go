package cases

import "os"

// sizes opens every file and skips the ones that fail to open.
func sizes(paths []string) int64 {
	var total int64
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			continue
		}
		defer f.Close() // want `defer f.Close\(\) inside a loop runs only when the function returns: f from every iteration`
		if fi, err := f.Stat(); err == nil {
			total += fi.Size()
		}
	}
	return total
}
