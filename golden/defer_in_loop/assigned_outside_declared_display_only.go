package cases

import "os"

func lastOpened(paths []string) *os.File {
	var f *os.File
	var err error
	for _, p := range paths {
		f, err = os.Open(p)
		if err != nil {
			continue
		}
		defer f.Close() // want `defer f.Close\(\) inside a loop`
	}
	return f
}
