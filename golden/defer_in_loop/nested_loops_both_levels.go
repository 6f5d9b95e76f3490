package cases

import "os"

func scanGroups(groups map[string][]string) int {
	n := 0
	for dir, names := range groups {
		d, err := os.Open(dir)
		if err != nil {
			continue
		}
		defer d.Close() // want `defer d.Close\(\) inside a loop`
		if fi, err := d.Stat(); err != nil || !fi.IsDir() {
			continue
		}
		for _, name := range names {
			f, err := os.Open(dir + "/" + name)
			if err != nil {
				continue
			}
			defer f.Close() // want `defer f.Close\(\) inside a loop`
			if _, err := f.Stat(); err == nil {
				n++
			}
		}
	}
	return n
}
