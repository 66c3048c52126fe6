"""Upward: a conversational training simulator for reverse mentoring."""

__version__ = "0.1.0"
