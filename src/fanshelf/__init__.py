"""Fanshelf: a self-hostable fan-fiction archive that reads every story it hosts."""

__version__ = "0.1.0"
