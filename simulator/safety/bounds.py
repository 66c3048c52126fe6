"""Limits on numbers and nesting in anything read from outside: files, JSON lines, options.

Python refuses to turn a string of more than 4,300 digits into an int (a ValueError deep in a
parser), and the JSON decoder recurses once per bracket (a RecursionError near 1,000). Both
would end a command with a traceback; these checks come first and say what is wrong.
"""

from __future__ import annotations

import json
import re
from typing import Any

MAX_INT_DIGITS = 18
"""No count, weight, turn or seed Upward reads needs more; 2**63 has 19 digits."""
MAX_JSON_DEPTH = 64
"""Every JSON shape Upward reads is a few levels deep."""

_STRINGS = re.compile(r'"(?:[^"\\]|\\.)*"', re.S)
_NOT_BRACKETS = re.compile(r"[^\[\]{}]+")


class LimitError(ValueError):
    """Input beyond a limit; the message says which and what to do."""


def json_depth(text: str) -> int:
    """How deeply the brackets of a JSON text nest, strings ignored: linear, no recursion."""
    depth = deepest = 0
    for char in _NOT_BRACKETS.sub("", _STRINGS.sub("", text)):
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


def _int(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_INT_DIGITS:
        raise LimitError(f"a number of {len(digits.lstrip('-')):,} digits; no value here needs "
                         f"more than {MAX_INT_DIGITS}")
    return int(digits)


def _float(text: str) -> float:
    if len(text) > 400:
        raise LimitError(f"a number written with {len(text):,} characters; write it shorter")
    return float(text)


def loads(text: str | bytes, *, max_depth: int = MAX_JSON_DEPTH) -> Any:
    """`json.loads` with bounded nesting and integers: LimitError instead of a crash.

    Other problems raise what `json.loads` raises (JSONDecodeError, UnicodeDecodeError).
    """
    if isinstance(text, bytes):
        text = text.decode("utf-8-sig") if text.startswith(b"\xef\xbb\xbf") else text.decode()
    depth = json_depth(text)
    if depth > max_depth:
        raise LimitError(f"nested too deeply ({depth:,} levels; at most {max_depth} are "
                         "allowed)")
    return json.loads(text, parse_int=_int, parse_float=_float)


def bounded_int(low: int, high: int) -> Any:
    """An argparse `type` for an integer option between `low` and `high`, said plainly."""

    def parse(text: str) -> int:
        import argparse

        digits = text.strip()
        span = f"from {low:,} to {high:,}"
        if not re.fullmatch(r"[+-]?\d+", digits):
            raise argparse.ArgumentTypeError(
                f"{text[:40]!r} is not a whole number; give one {span}")
        # Never convert thousands of digits (Python refuses past 4,300, with a traceback).
        value = int(digits) if len(digits.lstrip("+-")) <= MAX_INT_DIGITS + 1 else None
        if value is None or not low <= value <= high:
            shown = digits if len(digits) <= 30 else f"{digits[:12]}… ({len(digits):,} digits)"
            raise argparse.ArgumentTypeError(f"{shown} is out of range: give a number {span}")
        return value

    parse.__name__ = "number"
    return parse
