package cases

import (
	"log"
	"os"
)

func touchAll(paths []string) {
	for _, p := range paths {
		f, err := os.Create(p)
		if err != nil {
			log.Print(err)
			continue
		}
		defer func() { // want `defer a closure releasing f inside a loop`
			if err := f.Close(); err != nil {
				log.Print(err)
			}
		}()
		if _, err := f.WriteString("touched\n"); err != nil {
			log.Print(err)
		}
	}
}
