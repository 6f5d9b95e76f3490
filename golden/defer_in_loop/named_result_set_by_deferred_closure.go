package cases

import "os"

func writeAll(paths []string, data []byte) (err error) {
	for _, p := range paths {
		f, cerr := os.Create(p)
		if cerr != nil {
			continue
		}
		defer func() { // want `defer a closure releasing f inside a loop`
			if closeErr := f.Close(); closeErr != nil && err == nil {
				err = closeErr
			}
		}()
		if _, werr := f.Write(data); werr != nil {
			err = werr
		}
	}
	return err
}
