package cases

import (
	"context"
	"sync"
)

func watchAll(parent context.Context, names []string, watch func(context.Context, string)) {
	var wg sync.WaitGroup
	for _, name := range names {
		ctx, cancel := context.WithCancel(parent)
		defer cancel() // want `defer cancel\(\) inside a loop`
		wg.Add(1)
		go func() {
			defer wg.Done()
			watch(ctx, name) // cancelling at the end of the iteration would stop it early
		}()
	}
	wg.Wait()
}
