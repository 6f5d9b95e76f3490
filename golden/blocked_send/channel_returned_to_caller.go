package p

// The channel is handed to the caller, who receives from it.
func Async(work func() error) <-chan error {
	errc := make(chan error)
	go func() {
		errc <- work()
	}()
	return errc
}
