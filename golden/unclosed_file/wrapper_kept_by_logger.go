package wrapperstored

import (
	"log"
	"os"
)

type service struct {
	logger *log.Logger
}

// newService logs to a file for the life of the process.
func newService(path string) (*service, error) {
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return nil, err
	}
	logger := log.New(f, "svc ", log.LstdFlags)
	return &service{logger: logger}, nil
}
