package p

import (
	"context"
	"net"
)

// One goroutine per address: a buffer of one is not enough, so the fix is
// only described.
func FirstAddr(ctx context.Context, hosts []string) (string, error) {
	found := make(chan string)
	for _, h := range hosts {
		go func(h string) {
			addrs, err := net.DefaultResolver.LookupHost(ctx, h)
			if err == nil && len(addrs) > 0 {
				found <- addrs[0] // want "blocks forever"
			}
		}(h)
	}
	select {
	case a := <-found:
		return a, nil
	case <-ctx.Done():
		return "", ctx.Err()
	}
}
