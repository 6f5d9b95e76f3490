// Package audit flushes pending audit records in batches.
package audit

type Record struct {
	User   string
	Action string
}

var pending []*Record

func Add(r *Record) { pending = append(pending, r) }

func Flush(write func([]*Record), batch int) {
	n := min(batch, len(pending))
	write(pending[:n])
	pending = pending[n:] // want "pending is a package variable"
}
