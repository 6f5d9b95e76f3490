package greeter

import (
	"strconv"
	"testing"
)

// TestGreetingStartsClean fails when a buffer comes back from the pool with the previous
// call's bytes still in it (the pool hands the last Put buffer to the next Get).
func TestGreetingStartsClean(t *testing.T) {
	for i := 0; i < 100; i++ {
		name := strconv.Itoa(i)
		if got, want := Greeting(name), "hello, "+name; got != want {
			t.Fatalf("Greeting(%q) = %q, want %q: the pooled buffer kept its old contents",
				name, got, want)
		}
	}
}
