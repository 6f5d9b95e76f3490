// Package prune hands its map to a function that may delete from it.
package prune

type Tracker struct {
	last map[string]int64
}

func (t *Tracker) Start() {}

func (t *Tracker) Touch(k string, now int64) {
	t.last[k] = now
	expire(t.last, now)
}

func expire(m map[string]int64, now int64) {
	for k, at := range m {
		if now-at > 60 {
			delete(m, k)
		}
	}
}
