package cases

import "os"

func sizesClosure(paths []string) int64 {
	var total int64
	for _, p := range paths {
		func() {
			f, err := os.Open(p)
			if err != nil {
				return
			}
			defer f.Close()
			if fi, err := f.Stat(); err == nil {
				total += fi.Size()
			}
		}()
	}
	return total
}
