"""Benchmarks at the real size of the problem (``make bench``)."""
