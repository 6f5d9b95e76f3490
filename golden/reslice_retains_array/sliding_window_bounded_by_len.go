// Package window keeps the last few requests: len-bounded, so append keeps recycling the array.
package window

type Request struct {
	Path string
}

func Track(requests <-chan *Request, size int, report func([]*Request)) {
	recent := make([]*Request, 0, size)
	for r := range requests {
		recent = append(recent, r)
		if len(recent) > size {
			recent = recent[1:]
		}
		report(recent)
	}
}
