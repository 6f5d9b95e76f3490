// Package resolver looks names up with a caller-supplied function and gives
// up when the context ends.
package resolver

import "context"

// Resolver resolves names with Lookup.
type Resolver struct {
	Lookup func(name string) string
}

// Resolve returns the lookup's answer, or ctx's error if ctx ends first.
func (r *Resolver) Resolve(ctx context.Context, name string) (string, error) {
	answer := make(chan string)
	go func() {
		answer <- r.Lookup(name) // want "blocks forever"
	}()
	select {
	case a := <-answer:
		return a, nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}
