package fdpile

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// openFDs counts this process's open file descriptors.
func openFDs(t *testing.T) int {
	t.Helper()
	entries, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Skipf("cannot list /proc/self/fd: %v", err)
	}
	return len(entries)
}

func TestOpenFilesDoNotPileUp(t *testing.T) {
	const n = 64
	dir := t.TempDir()
	paths := make([]string, n)
	for i := range paths {
		paths[i] = filepath.Join(dir, fmt.Sprintf("f%02d.txt", i))
		if err := os.WriteFile(paths[i], []byte("a\nb\n"), 0o600); err != nil {
			t.Fatal(err)
		}
	}

	var counts []int
	total := CountLines(paths, func() { counts = append(counts, openFDs(t)) })

	if total != 2*n {
		t.Fatalf("CountLines = %d, want %d", total, 2*n)
	}
	if len(counts) != n {
		t.Fatalf("progress called %d times, want %d", len(counts), n)
	}
	if grown := counts[n-1] - counts[0]; grown > 2 {
		t.Fatalf("open descriptors grew from %d to %d while counting %d files: "+
			"each file stays open until CountLines returns", counts[0], counts[n-1], n)
	}
}
