"""What the commands share: exit codes, library resolution, printing problems."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from simulator.loading import Library, Problem, load_library, resolve_library

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2


class UsageError(Exception):
    """The command line itself is wrong (exit 2); the message says how to call it."""


def library_root(args: argparse.Namespace) -> Path:
    root = resolve_library(getattr(args, "library", None))
    if not root.is_dir():
        raise UsageError(f"library folder {root} does not exist")
    return root


def open_library(args: argparse.Namespace) -> Library:
    return load_library(library_root(args))


def print_problems(problems: Iterable[Problem], stream: TextIO | None = None) -> None:
    out = sys.stdout if stream is None else stream
    for problem in sorted(problems):
        print(problem, file=out)


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"
