"""leakfix: find resource leaks in Go code, rewrite them, prove the rewrite."""

__version__ = "0.1.0"
