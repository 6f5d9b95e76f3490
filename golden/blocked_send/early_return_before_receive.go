package p

import "errors"

func save(data []byte) error { return nil }

func validate(data []byte) error {
	if len(data) == 0 {
		return errors.New("empty")
	}
	return nil
}

func Store(data []byte) error {
	errc := make(chan error)
	go func() {
		errc <- save(data) // want "blocks forever"
	}()
	if err := validate(data); err != nil {
		return err
	}
	return <-errc
}
