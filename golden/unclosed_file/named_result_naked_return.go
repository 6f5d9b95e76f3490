package namedresult

import "os"

// open hands the file back through a named result and a naked return.
func open(path string) (f *os.File, err error) {
	f, err = os.Open(path)
	if err != nil {
		return
	}
	if _, err = f.Stat(); err != nil {
		f.Close()
		return nil, err
	}
	return
}
