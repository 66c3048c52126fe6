"""`upward history [--json] [--progress]`: your attempts, newest first, and how you are changing.

Also home to the `--db PATH` option every command that touches the history shares.
"""

from __future__ import annotations

import argparse
import json
import sys

from simulator.cli.common import EXIT_OK, EXIT_PROBLEMS, UsageError, add_db_option, plural
from simulator.engine import points
from simulator.history import (
    Attempt,
    HistoryError,
    NullStore,
    Store,
    TrackProgress,
    open_store,
    progress,
    resolve_db_path,
)
from simulator.history.outbox import OutboxCounts
from simulator.history.transcript import local_time
from simulator.safety.bounds import bounded_int
from simulator.safety.text import json_for_terminal, terminal_text


def open_history(args: argparse.Namespace, *, create: bool = True) -> Store:
    """The store `--db` names; with `create=False` a missing file reads as an empty history."""
    path = resolve_db_path(args.db)
    if not create and not path.exists():
        return NullStore()
    return open_store(path)


def fail(command: str, exc: Exception) -> int:
    print(terminal_text(f"upward {command}: {exc}"), file=sys.stderr)
    return EXIT_PROBLEMS


def add_parser(sub: argparse._SubParsersAction, parents: list[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "history",
        parents=parents,
        help="your attempts, newest first, and your progress",
        description="List your attempts, newest first: when, which scenario, the ending (or "
        "unfinished), the turns and the mean score; in a programme, also how many statements "
        "are not sent yet.",
    )
    shape = parser.add_mutually_exclusive_group()
    shape.add_argument(
        "--json", action="store_true",
        help="print the attempts with their turns as JSON (newest first)",
    )
    shape.add_argument(
        "--progress", action="store_true",
        help="per criterion and per flag, how often across your attempts, oldest to newest",
    )
    parser.add_argument(
        "--unfinished", action="store_true",
        help="with --progress, count unfinished attempts too (left out by default)",
    )
    parser.add_argument(
        "--limit", type=bounded_int(1, 2**63 - 1), default=None, metavar="N",
        help="only the latest N attempts"
    )
    add_db_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.limit is not None and args.limit < 1:
        raise UsageError("--limit needs a number of 1 or more")
    try:
        with open_history(args, create=False) as store:
            attempts = store.attempts(args.limit)
            outbox = store.outbox_counts()
    except HistoryError as exc:
        return fail("history", exc)
    if args.json:
        print(json_for_terminal(
            json.dumps([a.to_json() for a in attempts], indent=2, ensure_ascii=False)))
    elif args.progress:
        print_progress(attempts, unfinished=args.unfinished)
    else:
        print_list(attempts)
        print_unsent(outbox)
    return EXIT_OK


def print_unsent(outbox: OutboxCounts) -> None:
    """The programme statements not sent yet, if any (a programme's learners only)."""
    if not outbox.waiting:
        if outbox.sent:
            print(f"\nProgramme: all {plural(outbox.sent, 'statement')} sent.")
        return
    print(f"\nProgramme: {outbox.waiting} of {plural(outbox.total, 'statement')} not sent yet"
          f"{f' ({outbox.refused} refused by the LRS)' if outbox.refused else ''}; "
          "`upward sync` sends them.")
    if outbox.last_error:
        print(f"Last try: {outbox.last_error}")


def print_list(attempts: list[Attempt]) -> None:
    if not attempts:
        print("No attempts yet. Play a scenario with `upward play ID`.")
        return
    rows = [("id", "when", "scenario", "ending", "turns", "mean")] + [
        (
            str(a.id),
            local_time(a.started_at),
            a.scenario_id,
            f"{a.ending} ({a.outcome})" if a.finished else "unfinished",
            str(len(a.turns)),
            "-" if a.mean_score is None else str(points(a.mean_score)),
        )
        for a in attempts
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    right = {0, 4, 5}
    for row in rows:
        cells = [
            cell.rjust(widths[i]) if i in right else cell.ljust(widths[i])
            for i, cell in enumerate(row)
        ]
        print("  ".join(cells).rstrip())


def print_progress(attempts: list[Attempt], *, unfinished: bool = False) -> None:
    tracks = progress(attempts, unfinished=unfinished)
    if not tracks:
        left_out = sum(1 for a in attempts if a.turns and not a.finished)
        hint = (f" ({left_out} unfinished attempt(s) left out; add --unfinished to count them)"
                if left_out and not unfinished else "")
        print(f"No finished attempts yet, so no progress to show. Play a scenario first.{hint}")
        return
    for index, track in enumerate(tracks.values()):
        if index:
            print()
        _print_track(track)


def _print_track(track: TrackProgress) -> None:
    print(f"{track.track} track: {plural(track.attempts, 'attempt')}, oldest → newest")
    trends = (*track.criteria, *track.flags)
    width = max(len(t.id) for t in trends)
    spark = max(len(t.sparkline()) for t in trends)
    for title, group, empty in (
        ("Criteria (share of turns that met it)", track.criteria, "none scored"),
        ("Flags (share of turns that raised it)", track.flags, "none raised"),
    ):
        print(f"  {title}")
        if not group:
            print(f"    {empty}")
        for trend in group:
            print(f"    {trend.id.ljust(width)}  {trend.sparkline().ljust(spark)}  {trend.words()}")
