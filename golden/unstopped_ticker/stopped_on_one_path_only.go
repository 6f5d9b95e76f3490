package cases

import (
	"errors"
	"time"
)

func heartbeat(beat func() error, beats int) error {
	t := time.NewTicker(10 * time.Millisecond) // want "not stopped on every path \\(the return on line 13"
	for i := 0; i < beats; i++ {
		<-t.C
		if err := beat(); err != nil {
			return errors.Join(errors.New("heartbeat failed"), err)
		}
	}
	t.Stop()
	return nil
}
