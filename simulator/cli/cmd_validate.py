"""`upward validate [PATH...]`: check scenarios and rubrics; exit 1 when problems are found."""

from __future__ import annotations

import argparse
from pathlib import Path

from simulator.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    UsageError,
    library_root,
    plural,
    print_problems,
)
from simulator.engine.checks import validation_problems
from simulator.loading import Library, Loaded, is_library, load_files, load_library
from simulator.loading.library import YAML_SUFFIXES
from simulator.model import Rubric


def add_parser(sub: argparse._SubParsersAction, parents: list[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "validate",
        parents=parents,
        help="check scenarios and rubrics (exit 0 clean, 1 problems, 2 usage error)",
        description="Check scenario and rubric files: YAML, keys and types, references, "
        "reachability. Prints every problem as file:line:column: message.",
    )
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="a library folder, a scenario or rubric file, or a folder of them "
        "(default: the library)",
    )
    parser.set_defaults(func=run)


def collect(args: argparse.Namespace) -> Library:
    """Load what PATHs name; rubrics they refer to come from the library when not given."""
    if not args.paths:
        return load_library(library_root(args))
    files: list[Path] = []
    for path in args.paths:
        if not path.exists():
            raise UsageError(f"{path}: no such file or folder")
        if path.is_dir():
            if is_library(path):
                files += sorted((path / "rubrics").rglob("*.y*ml"))
                files += sorted((path / "scenarios").rglob("*.y*ml"))
            else:
                files += sorted(p for p in path.rglob("*") if p.suffix in YAML_SUFFIXES)
        else:
            files.append(path)
    unique = set(dict.fromkeys(p.resolve() for p in files))
    shown = {p.resolve(): p for p in files}
    # Rubrics a scenario names come from the library the file sits in, else the usual one.
    roots = sorted({root for p in unique if (root := enclosing_library(p)) is not None})
    extra: dict[str, Loaded[Rubric]] = {}
    for root in [*roots, library_root(args)]:
        for rid, loaded in load_library(root).rubrics.items():
            if loaded.path.resolve() not in unique:
                extra.setdefault(rid, loaded)
    return load_files([shown[p] for p in sorted(unique)], extra_rubrics=extra)


def enclosing_library(path: Path) -> Path | None:
    """The library whose scenarios/ or rubrics/ folder holds `path`, if any."""
    for parent in path.parents:
        if parent.name in ("scenarios", "rubrics") and is_library(parent.parent):
            return parent.parent
    return None


def run(args: argparse.Namespace) -> int:
    library = collect(args)
    library.problems += validation_problems(library)
    print_problems(library.problems)
    errors, warnings = len(library.errors), len(library.warnings)
    checked = f"{plural(len(library.scenarios), 'scenario')} and " \
        f"{plural(len(library.rubrics) - len(library.borrowed), 'rubric')} loaded"
    if errors:
        print(f"{plural(errors, 'problem')}, {plural(warnings, 'warning')}; {checked}.")
        return EXIT_PROBLEMS
    print(f"OK: {checked}" + (f"; {plural(warnings, 'warning')}." if warnings else "."))
    return EXIT_OK
