package lostcancel

import (
	"context"
	"log"
	"os"
)

func flush(ctx context.Context) error { return ctx.Err() }

// shutdown either cancels or ends the process on every branch; the "drain"
// case falls through into the exiting default.
func shutdown(parent context.Context, mode int) {
	ctx, cancel := context.WithCancel(parent)
	switch mode {
	case 0:
		log.Fatal("shutdown: forced")
	case 1:
		if err := flush(ctx); err != nil {
			log.Print(err)
		}
		cancel()
	case 2:
		log.Print("shutdown: drain")
		fallthrough
	default:
		os.Exit(1)
	}
}
