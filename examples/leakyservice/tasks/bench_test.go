package tasks

import (
	"context"
	"testing"
	"time"
)

func BenchmarkRunNow(b *testing.B) {
	m := NewManager(context.Background())
	defer m.Stop()
	task := Task{Name: "bench", Timeout: time.Second,
		Fn: func(context.Context) error { return nil }}
	for i := 0; i < b.N; i++ {
		if err := m.RunNow(task); err != nil {
			b.Fatal(err)
		}
	}
}
