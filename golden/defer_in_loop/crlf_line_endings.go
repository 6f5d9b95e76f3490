package cases

import "os"

func names(paths []string) []string {
	var out []string
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			continue
		}
		defer f.Close() // want `defer f.Close\(\) inside a loop`
		out = append(out, f.Name())
	}
	return out
}
