// Package monitor tails log files by polling them for new lines.
package monitor

import (
	"bufio"
	"context"
	"io"
	"log"
	"os"
	"sync"
	"time"
)

// fingerprintSize is how many leading bytes identify a file across renames.
const fingerprintSize = 64

// Handler receives each new line read from a watched file.
type Handler func(path, line string)

type fileState struct {
	offset      int64
	fingerprint string
}

// FileMonitor polls a set of files and reports lines appended to them.
type FileMonitor struct {
	interval time.Duration
	handle   Handler

	mu    sync.Mutex
	files map[string]*fileState
}

// New returns a FileMonitor that polls every interval.
func New(interval time.Duration, handle Handler) *FileMonitor {
	return &FileMonitor{
		interval: interval,
		handle:   handle,
		files:    make(map[string]*fileState),
	}
}

// Discover registers paths, starting each one at its current end of file.
func (m *FileMonitor) Discover(paths []string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			log.Printf("monitor: skipping %s: %v", p, err)
			continue
		}
		defer f.Close()

		info, err := f.Stat()
		if err != nil {
			continue
		}
		head := make([]byte, fingerprintSize)
		n, _ := io.ReadFull(f, head)
		m.files[p] = &fileState{offset: info.Size(), fingerprint: string(head[:n])}
	}
}

// Watch polls the registered files until ctx is cancelled.
func (m *FileMonitor) Watch(ctx context.Context) {
	t := time.NewTicker(m.interval)
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			m.poll()
		}
	}
}

// poll reads any new lines from every registered file.
func (m *FileMonitor) poll() {
	m.mu.Lock()
	defer m.mu.Unlock()
	for path, st := range m.files {
		info, err := os.Stat(path)
		if err != nil {
			continue
		}
		if info.Size() < st.offset {
			// The file was truncated or rotated; start from the top.
			st.offset = 0
		}
		lines, next, err := readFrom(path, st.offset)
		if err != nil {
			log.Printf("monitor: reading %s: %v", path, err)
		}
		st.offset = next
		for _, line := range lines {
			m.handle(path, line)
		}
	}
}

// readFrom returns the complete lines in path after offset and the offset
// just past the last line returned.
func readFrom(path string, offset int64) ([]string, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, offset, err
	}
	if _, err := f.Seek(offset, io.SeekStart); err != nil {
		return nil, offset, err
	}

	var lines []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		offset += int64(len(line)) + 1
		lines = append(lines, line)
	}
	return lines, offset, sc.Err()
}
