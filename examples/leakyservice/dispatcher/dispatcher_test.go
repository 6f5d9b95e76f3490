package dispatcher

import (
	"context"
	"testing"
	"time"
)

type recordingSender struct{ got chan *Entry }

func (s *recordingSender) Send(_ context.Context, batch []*Entry) error {
	for _, e := range batch {
		s.got <- e
	}
	return nil
}

func TestDeliversThenStops(t *testing.T) {
	sender := &recordingSender{got: make(chan *Entry, 4)}
	d := New(sender, 4, 1)
	d.Start(2)
	if !d.Submit(&Entry{Source: "app", Message: "hello"}) {
		t.Fatal("queue full")
	}
	select {
	case e := <-sender.got:
		if e.Message != "hello" {
			t.Fatalf("delivered %q", e.Message)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("entry not delivered")
	}
	d.Stop()
}
