package p

// Read exactly once: no range, so nothing waits for a close.
func First(items []string) string {
	ch := make(chan string, 1)
	go func() {
		if len(items) > 0 {
			ch <- items[0]
			return
		}
		ch <- ""
	}()
	return <-ch
}
