package cases

import "time"

// A package-level ticker lives as long as the program.
var tick = time.NewTicker(time.Minute)

func nextTick() time.Time { return <-tick.C }
