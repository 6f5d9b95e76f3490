package cases

import "time"

func tickN(n int) {
	t := time.NewTicker(time.Millisecond) // want "never stopped"
	for i := 0; i < n; i++ {
		<-t.C
	}
}
