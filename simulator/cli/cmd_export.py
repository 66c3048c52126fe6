"""`upward export ATTEMPT [--format markdown|json]` and `upward export --anonymous`.

The first is a transcript with its feedback, for your own notes. The second is what you share
with a trainer: your attempts as scores, bands and ids under a random pseudonym, never a word
you wrote.
"""

from __future__ import annotations

import argparse
import json
import secrets
import stat
from pathlib import Path

from simulator.cli.cmd_history import add_db_option, fail, open_history
from simulator.cli.common import EXIT_OK, UsageError
from simulator.history import HistoryError, resolve_db_path
from simulator.history.transcript import to_json, to_markdown
from simulator.report import build_export, dump_export
from simulator.safety.bounds import bounded_int
from simulator.safety.files import FileExists, UnsafeFile, write_new
from simulator.safety.text import json_for_terminal, terminal_text


def fresh_pseudonym() -> str:
    """A pseudonym used for one export only: two exports cannot be linked by their names."""
    return f"learner-{secrets.token_hex(8)}"


def add_parser(sub: argparse._SubParsersAction, parents: list[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "export",
        parents=parents,
        help="an attempt's transcript, or your anonymous export for a cohort report",
        description="Export one attempt as a transcript with its feedback (Markdown or JSON), "
        "or with --anonymous all your attempts without any reply text, under a random "
        "pseudonym, for a trainer's `upward report`.",
    )
    parser.add_argument(
        "attempt", type=bounded_int(1, 2**63 - 1), nargs="?", metavar="ATTEMPT",
        help="the attempt's id, as `upward history` lists it",
    )
    parser.add_argument(
        "--anonymous", action="store_true",
        help="every attempt as scores, bands, criteria and flags only, for sharing",
    )
    parser.add_argument(
        "--format", choices=["markdown", "json"], default="markdown",
        help="the transcript's format (default: markdown)",
    )
    parser.add_argument(
        "--out", type=Path, default=None, metavar="FILE",
        help="write to FILE (a new regular file, readable by you only) instead of printing; "
        "never through a symbolic link, into a device or FIFO, or over an existing file",
    )
    parser.add_argument(
        "--force", action="store_true", help="with --out, replace FILE if it exists",
    )
    parser.add_argument(
        "--link", action="store_true",
        help="with --anonymous, use this history's lasting pseudonym instead of a fresh one, so "
        "a trainer can tell this export and your earlier linked ones come from one learner",
    )
    add_db_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.anonymous == (args.attempt is not None):
        raise UsageError("give either an ATTEMPT id or --anonymous")
    if args.out is not None:
        refuse_history_target(args.out, resolve_db_path(args.db))
    try:
        if args.anonymous:
            path = resolve_db_path(args.db)
            if not path.exists():
                return fail("export", HistoryError(f"{path}: no history yet, nothing to export"))
            with open_history(args) as store:
                # A fresh pseudonym each time, unless the learner asks for their lasting one.
                name = store.pseudonym() if args.link else fresh_pseudonym()
                text = dump_export(build_export(name, store.attempts()))
        else:
            with open_history(args, create=False) as store:
                attempt = store.attempt(args.attempt)
            if attempt is None:
                where = resolve_db_path(args.db)
                return fail("export", HistoryError(
                    f"no attempt {args.attempt} in {where}; `upward history` lists them"))
            if args.format == "json":
                text = json_for_terminal(
                    json.dumps(to_json(attempt), indent=2, ensure_ascii=False)) + "\n"
            else:
                text = to_markdown(attempt)
                if args.out is None:
                    text = terminal_text(text)  # a transcript printed to a terminal
    except HistoryError as exc:
        return fail("export", exc)
    if args.out is None:
        print(text, end="")
        return EXIT_OK
    try:
        write_new(args.out, text.encode("utf-8"), force=args.force)
    except (UnsafeFile, FileExists) as exc:
        return fail("export", HistoryError(f"--out {args.out}: {exc.strerror}"))
    except OSError as exc:
        return fail("export", HistoryError(f"{args.out}: cannot write ({exc.strerror or exc}); "
                                           "give --out a file in a folder you can write to"))
    print(f"wrote {args.out}")
    return EXIT_OK


SQLITE_HEADER = b"SQLite format 3\x00"


def refuse_history_target(out: Path, db: Path) -> None:
    """A UsageError when `--out` would write over a history database (yours or another)."""
    companions = [db, *(db.with_name(db.name + tail) for tail in ("-wal", "-shm", "-journal"))]
    same = False
    try:
        same = any(out.resolve() == path.resolve() for path in companions)
        if stat.S_ISREG(out.stat().st_mode):  # opening a FIFO to look would hang
            with out.open("rb") as existing:
                same = same or existing.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except (OSError, RuntimeError):
        pass  # nothing there to lose, or nothing readable: the write itself will say
    if same:
        raise UsageError(f"--out {out}: that is a history database (or one of its files), and "
                         "writing there would destroy the attempts saved in it; choose another "
                         "file name")
