package cases

import "time"

func pauses(n int) {
	for i := 0; i < n; i++ {
		t := time.After(time.Millisecond)
		<-t
	}
}
