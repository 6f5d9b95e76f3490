package fdcount

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"testing"
)

// descriptorsOn counts the entries of /proc/self/fd that refer to path.
func descriptorsOn(t *testing.T, path string) int {
	t.Helper()
	entries, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Fatalf("reading /proc/self/fd: %v", err)
	}
	n := 0
	for _, e := range entries {
		if target, err := os.Readlink(filepath.Join("/proc/self/fd", e.Name())); err == nil &&
			target == path {
			n++
		}
	}
	return n
}

func TestFirstLineOfEmptyFileKeepsNoDescriptor(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("counts /proc/self/fd")
	}
	// No garbage collection during the test: a collected *os.File closes its
	// descriptor in a finalizer and would hide the leak.
	defer debug.SetGCPercent(debug.SetGCPercent(-1))

	dir, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "state")
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	before := descriptorsOn(t, path)
	const calls = 50
	for i := 0; i < calls; i++ {
		if _, err := FirstLine(path); !errors.Is(err, ErrEmpty) {
			t.Fatalf("FirstLine(empty) = %v, want ErrEmpty", err)
		}
	}
	if after := descriptorsOn(t, path); after > before {
		t.Fatalf("%d calls left %d descriptors open on %s (%d before)",
			calls, after-before, path, before)
	}
}
