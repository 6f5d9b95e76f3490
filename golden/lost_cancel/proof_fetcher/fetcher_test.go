package fetcher

import (
	"testing"

	"go.uber.org/goleak"
)

func TestFetchRejectsEmptyKeyWithoutLeak(t *testing.T) {
	defer goleak.VerifyNone(t)
	if _, err := Fetch([]string{"user:1", ""}); err == nil {
		t.Fatal("Fetch accepted an empty key")
	}
}
