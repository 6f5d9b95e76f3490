"""Go sources shared by several test modules."""

from __future__ import annotations

BROKEN_AND_HEALTHY = b"""package p

import "context"

func broken(parent context.Context) error {
	ctx, cancel := context.WithCancel(parent)
	if ctx == nil {
		return nil
	}
	x := )
	cancel()
	return nil
}

func healthy(parent context.Context) error {
	ctx, cancel := context.WithCancel(parent)
	if ctx == nil {
		return nil
	}
	cancel()
	return nil
}
"""
