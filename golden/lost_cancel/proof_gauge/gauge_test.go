package gauge

import (
	"testing"

	"go.uber.org/goleak"
)

func TestChecksumDoesNotLeakTracker(t *testing.T) {
	defer goleak.VerifyNone(t)
	if got := Checksum([][]byte{[]byte("hello, "), []byte("world")}); got == 0 {
		t.Fatal("Checksum returned 0")
	}
}
