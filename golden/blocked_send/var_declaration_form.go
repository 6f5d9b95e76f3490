package p

import (
	"context"
	"hash/crc32"
)

func Checksum(ctx context.Context, data []byte) (uint32, error) {
	var sums = make(chan uint32)
	go func() {
		sums <- crc32.ChecksumIEEE(data) // want "blocks forever"
	}()
	select {
	case s := <-sums:
		return s, nil
	case <-ctx.Done():
		return 0, ctx.Err()
	}
}
