"""`upward validate [PATH...]`: check scenarios and rubrics; exit 1 when problems are found."""

from __future__ import annotations

import argparse
import gc
from pathlib import Path

from simulator.cli.common import (
    CHECKING,
    EXIT_OK,
    EXIT_PROBLEMS,
    READING,
    UsageError,
    library_root,
    open_library,
    plural,
    print_problems,
)
from simulator.cli.progress import Progress
from simulator.engine.checks import ValidationChecks
from simulator.loading import Library, Loaded, is_library, load_files
from simulator.loading.library import ScenarioCheck, load_rubrics
from simulator.loading.problems import Problem
from simulator.loading.walk import yaml_files
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


def collect(
    args: argparse.Namespace, progress: Progress | None = None,
    check: ScenarioCheck | None = None,
) -> Library:
    """Load what PATHs name; rubrics they refer to come from the library when not given.

    `check`: each scenario checked as it loads, then let go (see `load_files`)."""
    # Loading allocates much and frees little; what it loads lives until the command ends.
    # Frozen, the cycle collector never rescans it, neither once loading is over nor each
    # time the checks that follow allocate (that took as long as the checks themselves).
    gc.disable()
    try:
        return _collect(args, progress, check)
    finally:
        gc.freeze()
        gc.enable()


def _collect(
    args: argparse.Namespace, progress: Progress | None, check: ScenarioCheck | None
) -> Library:
    if not args.paths:
        return open_library(args, progress, check=check)
    files: list[Path] = []
    skipped: list[Problem] = []
    for path in args.paths:
        files += _files_at(path, args, skipped)
    unique = set(dict.fromkeys(_resolved(p) for p in files))
    shown = {_resolved(p): p for p in files}
    # Rubrics a scenario names come from the library the file sits in, else the usual one;
    # only those libraries' rubrics are read, never their scenarios.
    roots = sorted({root for p in unique if (root := enclosing_library(p)) is not None})
    extra: dict[str, Loaded[Rubric]] = {}
    for root in dict.fromkeys([*roots, library_root(args)]):
        for rid, loaded in load_rubrics(root).rubrics.items():
            if _resolved(loaded.path) not in unique:
                extra.setdefault(rid, loaded)
    if progress is not None:
        progress.phase(READING if check is None else CHECKING, len(unique))
    library = load_files([shown[p] for p in sorted(unique)], extra_rubrics=extra,
                         step=progress.advance if progress is not None else None, check=check)
    library.problems = sorted([*library.problems, *skipped])
    return library


def _files_at(path: Path, args: argparse.Namespace, skipped: list[Problem]) -> list[Path]:
    """The YAML files a PATH names, or a UsageError saying why it names none."""
    try:
        if not path.exists():
            if path.is_symlink():
                raise UsageError(f"{path}: a symbolic link that leads nowhere (a loop, or its "
                                 "target is gone); give the file or folder it should point to")
            hint = _file_for_id(path, args) or (
                "; give a library folder, a scenario or rubric file, or a folder of them"
            )
            raise UsageError(f"{path}: no such file or folder{hint}")
        if not path.is_dir():
            return [path]
        # Not rglob: it skips unreadable folders, link loops and FIFOs without a word.
        folders = [path / "rubrics", path / "scenarios"] if is_library(path) else [path]
        files = []
        for folder in folders:
            found, problems = yaml_files(folder)
            files += found
            skipped += problems
    except OSError as exc:
        raise UsageError(f"{path}: cannot read the folder ({exc.strerror or exc}); check its "
                         "permissions") from None
    # A folder called `x.yaml` is no file to check; a dangling link in it is, and says so.
    files = [p for p in files if not p.is_dir()]
    if not files and not skipped:
        raise UsageError(f"{path}: no scenario or rubric files (*.yaml) in this folder; give a "
                         "library folder, a scenario or rubric file, or a folder of them")
    return files


def _file_for_id(path: Path, args: argparse.Namespace) -> str:
    """A hint when PATH is a scenario or rubric id rather than a path: where its file is."""
    if len(path.parts) != 1 or path.suffix:
        return ""
    try:
        root = library_root(args)
        found = sorted(
            [*root.glob(f"scenarios/*/{path.name}.y*ml"), *root.glob(f"rubrics/{path.name}.y*ml")]
        )
    except (OSError, UsageError):
        return ""
    return f"; to check the file of '{path.name}', give its path: {found[0]}" if found else ""


def _resolved(path: Path) -> Path:
    """The real path, or the absolute one when it cannot be resolved (a symbolic-link loop)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()


def enclosing_library(path: Path) -> Path | None:
    """The library whose scenarios/ or rubrics/ folder holds `path`, if any."""
    for parent in path.parents:
        if parent.name in ("scenarios", "rubrics") and is_library(parent.parent):
            return parent.parent
    return None


def run(args: argparse.Namespace) -> int:
    with Progress() as progress:
        # Each scenario is replayed and scored as soon as it loads, then let go: validating
        # thousands of scenarios holds one at a time.
        library = collect(args, progress, ValidationChecks())
    print_problems(library.problems)
    errors, warnings = len(library.errors), len(library.warnings)
    checked = f"{plural(library.scenario_count, 'scenario')} and " \
        f"{plural(len(library.rubrics) - len(library.borrowed), 'rubric')} loaded"
    if errors:
        print(f"{plural(errors, 'problem')}, {plural(warnings, 'warning')}; {checked}.")
        return EXIT_PROBLEMS
    print(f"OK: {checked}" + (f"; {plural(warnings, 'warning')}." if warnings else "."))
    return EXIT_OK
