"""`upward sync`: send the statements still waiting in the outbox, now, and say how many."""

from __future__ import annotations

import argparse
import sys

from simulator.cli.cmd_history import add_db_option
from simulator.cli.cmd_programme import add_config_option
from simulator.cli.common import EXIT_OK, EXIT_PROBLEMS, plural
from simulator.history import HistoryError, SqliteStore, resolve_db_path
from simulator.programme import ProgrammeError, client_for, load, resolve_config_path, send_waiting


def add_parser(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
    parents: list[argparse.ArgumentParser],
) -> None:
    parser = sub.add_parser(
        "sync",
        parents=parents,
        help="send the statements waiting for your programme's LRS",
        description="Send every statement still waiting in the outbox to the programme's "
        "Learning Record Store, oldest first, and say how many went. Statements the LRS "
        "already holds are not sent twice.",
    )
    add_config_option(parser)
    add_db_option(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        programme = load(resolve_config_path(args.config))
    except ProgrammeError as exc:
        print(f"upward sync: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    if programme is None:
        print("upward sync: you are not in a programme, so nothing is sent; "
              "`upward programme join URL --key KEY --secret SECRET` joins one", file=sys.stderr)
        return EXIT_PROBLEMS
    db = resolve_db_path(args.db)
    if not db.exists():
        print(f"Nothing to send: no history yet at {db}.")
        return EXIT_OK
    try:
        with SqliteStore(db) as store:
            result = send_waiting(store, programme, client_for(programme), with_refused=True)
    except HistoryError as exc:
        print(f"upward sync: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    where = programme.endpoint
    if result.error is None and not result.refused:
        tail = "nothing is waiting." if not result.waiting else f"{result.waiting} waiting."
        print(f"Sent {plural(result.sent, 'statement')} to {where}; {tail}")
        return EXIT_OK
    print(f"Sent {plural(result.sent, 'statement')} to {where}; {result.waiting} still "
          "waiting, kept in the outbox.", file=sys.stderr)
    if result.refused:
        print(f"upward sync: the LRS refused {plural(result.refused, 'statement')} as "
              "malformed; they stay in the outbox", file=sys.stderr)
    if result.error is not None:
        print(f"upward sync: {result.error}", file=sys.stderr)
    return EXIT_PROBLEMS
