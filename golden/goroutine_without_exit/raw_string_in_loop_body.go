package p

import (
	"context"
	"fmt"
)

// Re-indenting the loop body would change the raw string: the fix is only shown.
func Report(ctx context.Context, in <-chan string) {
	go func() { // want "goroutine never exits"
		for {
			name := <-in
			fmt.Printf(`name:
%s
`, name)
			_ = ctx
		}
	}()
}
