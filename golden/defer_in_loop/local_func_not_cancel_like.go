package cases

import "fmt"

func report(items []string) {
	for _, it := range items {
		done := func() { fmt.Println("done", it) }
		defer done()
	}
}
