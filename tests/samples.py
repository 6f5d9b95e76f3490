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


# A file opened and never closed (unclosed-file); callers add package and imports.
FILE_SIZE_LEAK = """func Size(path string) (int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	info, err := f.Stat()
	if err != nil {
		return 0, err
	}
	return info.Size(), nil
}
"""
