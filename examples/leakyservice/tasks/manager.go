// Package tasks runs named background tasks on fixed intervals, each run
// bounded by its own timeout.
package tasks

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// Task is a unit of periodic work.
type Task struct {
	Name     string
	Interval time.Duration
	Timeout  time.Duration
	// Precheck, if set, must succeed before Fn is run.
	Precheck func(ctx context.Context) error
	Fn       func(ctx context.Context) error
}

// Status records the outcome of a task's most recent run.
type Status struct {
	LastRun time.Time
	LastErr error
	Runs    int
}

// Manager schedules tasks until it is stopped.
type Manager struct {
	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup

	mu     sync.Mutex
	status map[string]*Status
}

// NewManager returns a Manager whose tasks stop when parent is done or when
// Stop is called.
func NewManager(parent context.Context) *Manager {
	m := &Manager{status: make(map[string]*Status)}
	m.ctx, m.cancel = context.WithCancel(parent)
	return m
}

// Every runs t once per t.Interval until the manager is stopped.
func (m *Manager) Every(t Task) {
	m.wg.Add(1)
	go func() {
		defer m.wg.Done()
		ticker := time.NewTicker(t.Interval)
		defer ticker.Stop()
		for {
			select {
			case <-m.ctx.Done():
				return
			case <-ticker.C:
				_ = m.runOnce(t)
			}
		}
	}()
}

// RunNow runs t immediately, outside of its schedule.
func (m *Manager) RunNow(t Task) error {
	return m.runOnce(t)
}

// runOnce executes t with its configured timeout and records the result.
func (m *Manager) runOnce(t Task) error {
	ctx, cancel := context.WithTimeout(m.ctx, t.Timeout)
	if t.Precheck != nil {
		if err := t.Precheck(ctx); err != nil {
			m.record(t.Name, err)
			return fmt.Errorf("task %s: precheck: %w", t.Name, err)
		}
	}
	err := t.Fn(ctx)
	cancel()
	m.record(t.Name, err)
	return err
}

func (m *Manager) record(name string, err error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	st, ok := m.status[name]
	if !ok {
		st = &Status{}
		m.status[name] = st
	}
	st.LastRun = time.Now()
	st.LastErr = err
	st.Runs++
}

type taskKey struct{}

// WithTask returns a context derived from the manager's, tagged with the task
// name and bounded by d.
func (m *Manager) WithTask(name string, d time.Duration) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithTimeout(m.ctx, d)
	return context.WithValue(ctx, taskKey{}, name), cancel
}

// TaskName returns the task name attached to ctx by WithTask.
func TaskName(ctx context.Context) (string, bool) {
	name, ok := ctx.Value(taskKey{}).(string)
	return name, ok
}

// Status returns a copy of the latest status of the named task.
func (m *Manager) Status(name string) (Status, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	st, ok := m.status[name]
	if !ok {
		return Status{}, false
	}
	return *st, true
}

// Stop cancels all tasks and waits for their loops to exit.
func (m *Manager) Stop() {
	m.cancel()
	m.wg.Wait()
}
