package cases

import "os"

func nonEmpty(paths []string) int {
	n := 0
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			goto next
		}
		defer f.Close() // want `defer f.Close\(\) inside a loop`
		if fi, err := f.Stat(); err == nil && fi.Size() > 0 {
			n++
		}
	next:
		_ = p
	}
	return n
}
