package p

import "sync"

// Ranging over a channel ends when the channel is closed (Feed closes it).
func Feed(items []string, handle func(string)) {
	ch := make(chan string)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for s := range ch {
			handle(s)
		}
	}()
	for _, it := range items {
		ch <- it
	}
	close(ch)
	wg.Wait()
}
