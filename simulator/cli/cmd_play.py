"""`upward play ID`: the app at the scenario's briefing, or with --plain the conversation as
plain lines (`play_plain`)."""

from __future__ import annotations

import argparse
import gc
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

from simulator.cli.common import EXIT_OK, UsageError, add_db_option, library_root
from simulator.safety.bounds import bounded_int

if TYPE_CHECKING:
    from simulator.loading import Library, Loaded
    from simulator.model import Scenario
    from simulator.tui.app import Opening

# Nothing here imports the engine, the models or the loader at the top: the app paints the
# briefing first, from the two files' plain YAML, and validates them behind that frame.

SEED_MAX = 2**63 - 1
"""The history stores the seed as a SQLite INTEGER; a larger one would lose the first turn."""

def random_seed() -> int:
    """A fresh seed when none is given: each run shuffles the suggestions its own way (seed 0,
    which keeps the trainer's order, only when asked for)."""
    import secrets  # here: its hashing modules are not needed before the app's first frame

    return 1 + secrets.randbelow(999_999)


def add_parser(sub: argparse._SubParsersAction, parents: list[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "play",
        parents=parents,
        help="play one scenario (--plain: line by line on stdin/stdout)",
        description="Play one scenario. With --plain, each line you type is one reply, /1../9 "
        "picks a suggested reply, /quit leaves; the counterpart's lines, feedback and the "
        "debrief are printed as plain text, for screen readers and scripts.",
    )
    parser.add_argument("scenario", metavar="ID", help="the scenario's id")
    parser.add_argument("--plain", action="store_true", help="plain text on stdin/stdout")
    parser.add_argument(
        "--seed", type=bounded_int(-SEED_MAX, SEED_MAX), default=None, metavar="N",
        help="orders the suggested replies and picks among a line's variants; the same seed "
        "replays the same run; 0 keeps the trainer's order (default: a new seed each run, "
        "saved with the attempt)",
    )
    parser.add_argument(
        "--no-save", action="store_true",
        help="keep nothing from this run (by default each answered turn is saved to your "
        "history before the next line is shown)",
    )
    add_db_option(parser)
    parser.set_defaults(func=run)


def resolve_scenario(library: Library, scenario_id: str) -> Loaded[Scenario]:
    """The loaded scenario, or a UsageError that says why it cannot be used."""
    if scenario_id in library.scenarios:
        return library.scenarios[scenario_id]
    broken = [p for p in library.errors if p.path.stem == scenario_id]
    if broken:
        raise UsageError(
            f"scenario '{scenario_id}' has {len(broken)} problem(s), the first: {broken[0]}; "
            "run `upward validate` for all of them"
        )
    from simulator.loading.problems import did_you_mean

    known = set(library.scenarios)
    stem = PurePath(scenario_id).stem
    if stem != scenario_id and stem in known:
        raise UsageError(f"'{scenario_id}' looks like a file; give the scenario's id: {stem}")
    hint = did_you_mean(scenario_id, known) or (
        f" (known: {', '.join(sorted(known))})" if known else " (the library has none)"
    )
    raise UsageError(f"no scenario '{scenario_id}' in {library.root}{hint}")


def load_scenario(root: Path, scenario_id: str) -> Library:
    """A library holding the scenario and its rubric (only those two when they are where their
    ids say and load cleanly, else the whole library), or a UsageError saying what is wrong."""
    from simulator.loading import load_for_scenario, load_library

    part = load_for_scenario(root, scenario_id)
    if part is not None:
        return part
    library = load_library(root)
    resolve_scenario(library, scenario_id)
    return library


def opening(root: Path, scenario_id: str) -> Opening | None:
    """The briefing's facts straight from the scenario's and its rubric's safely loaded YAML,
    with the proper load to run behind it; None when the files are not where their ids say or
    the briefing's part of them is not right (then the full load comes first, and its message
    before any screen)."""
    from simulator.loading.problems import LoadError
    from simulator.loading.roots import scenario_files
    from simulator.loading.yaml_source import load_document
    from simulator.tui.app import Opening
    from simulator.tui.briefing import Briefing

    files = scenario_files(root, scenario_id)
    if files is None:
        return None
    try:
        scenario, rubric = (load_document(path).data for path in files)
    except LoadError:
        return None
    facts = Briefing.from_data(scenario, rubric)
    if facts is None or facts.scenario_id != scenario_id:
        return None
    return Opening(facts, lambda: load_scenario(root, scenario_id))


def run_app(args: argparse.Namespace, scenario: str | None = None) -> int:
    """Open the Textual app, at the scenario's briefing when one is named.

    A scenario whose briefing paints but which then fails to validate ends the app with the
    same message (and exit status) it would have had before the app opened.

    The collector is off until the first frame is out (`UpwardApp.on_ready` turns it back on).
    Left on, Textual's imports and the two files' data brought a full collection of everything
    imported so far (35-50 ms) just before the briefing was drawn; held, the first paint went
    from 1.43x a bare Textual app's to 1.26x. Start-up leaves little garbage, and it is
    collected behind that frame."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _run_app(args, scenario)
    finally:
        if collecting:
            gc.enable()


def _run_app(args: argparse.Namespace, scenario: str | None) -> int:
    # Imported here: the plain mode and the other commands never pay for Textual.
    from simulator.tui.app import UpwardApp

    root = library_root(args)
    library: Library | None = None
    first = opening(root, scenario) if scenario is not None else None
    rest_of: Path | None = root
    if first is None:
        from simulator.loading import load_for_scenario, load_library

        # The briefing paints from the scenario and its rubric; the rest loads behind it.
        library = load_for_scenario(root, scenario) if scenario is not None else None
        if library is None:
            library, rest_of = load_library(root), None
            if scenario is not None:
                resolve_scenario(library, scenario)  # an unknown id: usage error, before a screen
    app = UpwardApp(
        library, db=getattr(args, "db", None), save=not getattr(args, "no_save", False),
        seed=getattr(args, "seed", None), scenario=scenario, rest_of=rest_of, opening=first,
        manage_gc=True,
    )
    app.run()
    if app.failure is not None:
        raise app.failure
    return EXIT_OK


def run(args: argparse.Namespace) -> int:
    if not args.plain:
        return run_app(args, args.scenario)
    from simulator.cli.play_plain import run_plain

    return run_plain(args)
