package store

import (
	"testing"

	"go.uber.org/goleak"
)

func TestInvalidRecordDoesNotLeakTheSaver(t *testing.T) {
	defer goleak.VerifyNone(t)
	saved := make(chan struct{})
	err := Store(nil, func([]byte) error {
		close(saved)
		return nil
	})
	if err != ErrEmpty {
		t.Fatalf("Store error = %v, want ErrEmpty", err)
	}
	<-saved // the saver has run and is about to send
}
