package goroutine

import (
	"io"
	"os"
)

// stream copies the file in the background; the goroutine closes it.
func stream(path string, dst io.Writer) (<-chan error, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	done := make(chan error, 1)
	go func() {
		defer f.Close()
		_, err := io.Copy(dst, f)
		done <- err
	}()
	return done, nil
}
