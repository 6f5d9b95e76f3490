package lostcancel

import "context"

func probe(ctx context.Context, target string) error {
	_ = target
	return ctx.Err()
}

// probeAll drops three cancel funcs; each fix must pick its own name.
func probeAll(parent context.Context) error {
	dnsCtx, _ := context.WithCancel(parent) // want "context leak"
	if err := probe(dnsCtx, "dns"); err != nil {
		return err
	}
	tcpCtx, _ := context.WithCancel(parent) // want "context leak"
	if err := probe(tcpCtx, "tcp"); err != nil {
		return err
	}
	tlsCtx, _ := context.WithCancel(parent) // want "context leak"
	return probe(tlsCtx, "tls")
}
