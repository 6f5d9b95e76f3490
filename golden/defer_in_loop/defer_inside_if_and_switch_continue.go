package cases

import "os"

func modes(paths []string, follow bool) []os.FileMode {
	var out []os.FileMode
	for _, p := range paths {
		if follow {
			f, err := os.Open(p)
			if err != nil {
				continue
			}
			defer f.Close() // want `defer f.Close\(\) inside a loop`
			fi, err := f.Stat()
			switch {
			case err != nil:
				continue
			case fi.IsDir():
				out = append(out, fi.Mode()|os.ModeDir)
			default:
				out = append(out, fi.Mode())
			}
		}
	}
	return out
}
