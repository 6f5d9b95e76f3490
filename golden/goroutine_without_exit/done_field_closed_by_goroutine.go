package p

// done is closed by the goroutine itself to say it finished: it is no stop
// signal, so there is nothing to wait on and the fix is only shown.
type Tailer struct {
	lines chan string
	done  chan struct{}
	last  string
}

func (t *Tailer) Start() {
	go func() { // want "goroutine never exits"
		defer close(t.done)
		for {
			line := <-t.lines
			t.last = line
		}
	}()
}
