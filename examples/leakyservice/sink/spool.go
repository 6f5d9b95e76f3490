package sink

import (
	"bufio"
	"os"
	"sync"
)

// Spool appends undeliverable batches to a local file, one JSON batch per
// line, so they can be replayed later.
type Spool struct {
	mu sync.Mutex
	f  *os.File
	w  *bufio.Writer
}

// OpenSpool opens (or creates) the spool file at path for appending.
func OpenSpool(path string) (*Spool, error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return nil, err
	}
	return &Spool{f: f, w: bufio.NewWriter(f)}, nil
}

// Write appends one encoded batch to the spool.
func (s *Spool) Write(batch []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := s.w.Write(batch); err != nil {
		return err
	}
	if err := s.w.WriteByte('\n'); err != nil {
		return err
	}
	return s.w.Flush()
}

// Close flushes buffered data and closes the spool file.
func (s *Spool) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.w.Flush(); err != nil {
		s.f.Close()
		return err
	}
	return s.f.Close()
}
