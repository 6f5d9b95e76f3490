package cases

import "os"

func firstBytes(groups [][]string) [][]byte {
	var out [][]byte
	for _, group := range groups {
		var firsts []byte
		for _, p := range group {
			f, err := os.Open(p)
			if err != nil {
				continue
			}
			defer f.Close() // want `defer f.Close\(\) inside a loop`
			buf := make([]byte, 1)
			if n, _ := f.Read(buf); n == 1 {
				firsts = append(firsts, buf[0])
			}
		}
		out = append(out, firsts)
	}
	return out
}
