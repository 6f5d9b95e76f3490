package cache

import (
	"testing"

	"go.uber.org/goleak"
)

func TestCloseStopsWriter(t *testing.T) {
	defer goleak.VerifyNone(t)
	c := New()
	c.Set("a", "1")
	c.Set("b", "2") // the first update has been applied once this one is taken
	if got := c.Get("a"); got != "1" {
		t.Fatalf("Get(a) = %q, want 1", got)
	}
	c.Close()
}
