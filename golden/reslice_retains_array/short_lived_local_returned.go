// Package split returns the tail of a freshly built slice: nothing outlives the call.
package split

func Tail(words []string, n int) []string {
	out := make([]string, len(words))
	copy(out, words)
	out = out[n:]
	return out
}
