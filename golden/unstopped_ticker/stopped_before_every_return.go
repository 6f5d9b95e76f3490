package cases

import "time"

func retry(op func() error, attempts int) error {
	t := time.NewTicker(10 * time.Millisecond)
	var err error
	for i := 0; i < attempts; i++ {
		if err = op(); err == nil {
			t.Stop()
			return nil
		}
		<-t.C
	}
	t.Stop()
	return err
}
