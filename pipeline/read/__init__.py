"""Readers: one module per kind of capture, each returning raw cells or lines with places."""
