"""`upward lint [PATH...]`: warnings a trainer can act on; exit 1 only when files have errors."""

from __future__ import annotations

import argparse
from pathlib import Path

from simulator.cli.cmd_validate import collect
from simulator.cli.common import EXIT_OK, EXIT_PROBLEMS, plural, print_problems
from simulator.cli.progress import Progress
from simulator.engine.lint import MAX_LINE_CHARS, lint_library


def add_parser(sub: argparse._SubParsersAction, parents: list[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "lint",
        parents=parents,
        help="style warnings for trainers (single-band choices, unused criteria, long lines)",
        description="Warn about what a trainer may want to change: a beat whose choices all "
        "score in one band, rubric criteria no choice shows, endings no example reaches, "
        f"beats without choices at difficulty 1, lines over {MAX_LINE_CHARS} characters. "
        "Exit 0 with warnings only; 1 when the files have errors.",
    )
    parser.add_argument(
        "paths", nargs="*", type=Path, metavar="PATH",
        help="a library folder, a scenario or rubric file, or a folder of them "
        "(default: the library)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    with Progress() as progress:
        library = collect(args, progress)
        progress.phase("Linting scenarios", len(library.scenarios))
        warnings = lint_library(library, step=progress.advance)
    print_problems([*library.problems, *warnings])
    errors = len(library.errors)
    count = len(warnings) + len(library.warnings)
    checked = plural(len(library.scenarios), "scenario")
    if errors:
        print(f"{plural(errors, 'error')}, {plural(count, 'warning')}; {checked} linted.")
        return EXIT_PROBLEMS
    print(f"{plural(count, 'warning')}; {checked} linted.")
    return EXIT_OK
