package watcher

import (
	"testing"

	"go.uber.org/goleak"
)

func TestWatchReleasesLease(t *testing.T) {
	defer goleak.VerifyNone(t)
	n, err := Watch([]string{"/etc/hosts", "/etc/resolv.conf"})
	if err != nil || n != 2 {
		t.Fatalf("Watch = %d, %v; want 2, nil", n, err)
	}
}
