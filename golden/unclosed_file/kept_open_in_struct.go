package sink

import (
	"fmt"
	"os"
)

// logSink keeps its log file open for its whole life; Close closes it.
type logSink struct {
	file *os.File
}

func newLogSink(path string) (*logSink, error) {
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return nil, err
	}
	s := &logSink{}
	s.file = f
	return s, nil
}

func (s *logSink) Printf(format string, args ...any) {
	fmt.Fprintf(s.file, format, args...)
}

func (s *logSink) Close() error {
	return s.file.Close()
}
