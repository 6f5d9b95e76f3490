package cases

import (
	"io"
	"os"
)

type collector struct{ sources []io.Reader }

func (c *collector) add(r io.Reader) { c.sources = append(c.sources, r) }

func gather(c *collector, paths []string) {
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			continue
		}
		defer f.Close() // want `defer f.Close\(\) inside a loop`
		c.add(f) // the collector may read f after the loop
	}
}
