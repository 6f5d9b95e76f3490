package cases

import "os"

func tolerant(paths []string, parse func(*os.File)) {
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			continue
		}
		defer func() { // want `defer a closure releasing f inside a loop`
			recover() // per iteration it would swallow the panic and keep looping
			f.Close()
		}()
		parse(f)
	}
}
