package cases

import "time"

var tick = time.Tick(time.Minute)

func nextMinute() time.Time { return <-tick }
