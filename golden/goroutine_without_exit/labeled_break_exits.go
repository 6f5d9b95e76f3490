package p

func Collect(in <-chan int, limit int, done func([]int)) {
	go func() {
		var got []int
	loop:
		for {
			select {
			case v := <-in:
				got = append(got, v)
				if len(got) == limit {
					break loop
				}
			}
		}
		done(got)
	}()
}
