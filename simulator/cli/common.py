"""What the commands share: exit codes, library resolution, printing problems."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from simulator.cli.progress import Progress
from simulator.loading.roots import LIBRARY_ENV, is_library, resolve_library

if TYPE_CHECKING:
    from simulator.loading import Library, Loaded, Problem
    from simulator.loading.library import ScenarioCheck
    from simulator.model import Rubric

# Loading a library is imported where it is done: `upward play ID` paints its briefing before
# the models and the validator are imported at all.

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
"""Ctrl-C, as shells report a process ended by SIGINT."""


class UsageError(Exception):
    """The command line itself is wrong (exit 2); the message says how to call it."""


def _library_origin(args: argparse.Namespace, root: Path) -> str:
    """How the user named the library folder, for messages: `--library X` or `$UPWARD_LIBRARY`."""
    if getattr(args, "library", None) is not None:
        return f"--library {root}"
    if os.environ.get(LIBRARY_ENV):
        return f"${LIBRARY_ENV} ({root})"
    return str(root)


def library_root(args: argparse.Namespace) -> Path:
    root = resolve_library(getattr(args, "library", None))
    try:
        is_dir = root.is_dir()
    except OSError as exc:  # a symbolic-link loop, a folder we may not look into
        raise UsageError(f"{_library_origin(args, root)}: cannot open the library folder "
                         f"({exc.strerror or exc}); give the folder holding scenarios/ and "
                         "rubrics/") from None
    if not is_dir:
        what = "is a file, not a folder" if root.exists() else "does not exist"
        raise UsageError(f"{_library_origin(args, root)}: the library folder {what}; give the "
                         "folder holding scenarios/ and rubrics/")
    return root


def open_library(
    args: argparse.Namespace, progress: Progress | None = None, *, rubrics_only: bool = False,
    check: ScenarioCheck | None = None,
) -> Library:
    """The whole library (or only its rubrics); a UsageError when the folder is not one.

    `check`: each scenario checked as it loads, then let go (see `load_files`)."""
    root = library_root(args)
    try:
        ok = is_library(root)
    except OSError as exc:
        raise UsageError(f"{_library_origin(args, root)}: cannot read the library folder "
                         f"({exc.strerror or exc}); check its permissions") from None
    if not ok:
        missing = " and ".join(
            f"{name}/" for name in ("scenarios", "rubrics") if not (root / name).is_dir()
        )
        raise UsageError(f"{_library_origin(args, root)}: not a library, it has no {missing} "
                         "folder; give the folder holding scenarios/ and rubrics/")
    from simulator.loading.library import library_files, load_library, load_rubrics

    if rubrics_only:
        return load_rubrics(root)
    if progress is None:
        return load_library(root, check=check)
    progress.phase(READING if check is None else CHECKING, len(library_files(root)))
    return load_library(root, step=progress.advance, check=check)


READING = "Reading files"
CHECKING = "Checking files"
"""The progress bar's label while files are read, or read and checked one by one."""


def add_db_option(parser: argparse.ArgumentParser) -> None:
    """`--db PATH`, shared by every command that touches the history (it lives here so that
    declaring it does not import the history itself)."""
    parser.add_argument(
        "--db", type=Path, default=None, metavar="PATH",
        help="the history database (default: $UPWARD_DB, else history.db in your data folder)",
    )


def print_problems(problems: Iterable[Problem], stream: TextIO | None = None) -> None:
    out = sys.stdout if stream is None else stream
    for problem in sorted(problems):
        print(problem, file=out)


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def rubric_by_id(library: Library, rubric_id: str) -> Loaded[Rubric] | None:
    """The library's rubric with that id; None after printing why its file does not load; a
    UsageError with a did-you-mean when no file has that id."""
    loaded = library.rubrics.get(rubric_id)
    if loaded is not None:
        return loaded
    broken = [p for p in library.errors if p.path.stem == rubric_id]
    if broken:
        # The file is there but does not load: its problems say more than "unknown id".
        print_problems(broken, sys.stderr)
        return None
    from simulator.loading.problems import did_you_mean

    known = ", ".join(sorted(library.rubrics)) or "none"
    hint = did_you_mean(rubric_id, library.rubrics)
    raise UsageError(f"no rubric with id '{rubric_id}'{hint} (known: {known})")
