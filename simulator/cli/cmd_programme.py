"""`upward programme join URL --key KEY --secret SECRET` / `leave` / `status`.

Joining stores the programme's LRS endpoint and credentials in a private config file; from
then on each practice turn is queued as xAPI statements and sent in the background. Leaving
stops that, says what was sent, and drops what never was.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from simulator.cli.cmd_history import add_db_option
from simulator.cli.common import EXIT_OK, EXIT_PROBLEMS, UsageError, plural
from simulator.history import HistoryError, SqliteStore, resolve_db_path
from simulator.programme import (
    CONFIG_ENV,
    ProgrammeError,
    check_endpoint,
    joined_now,
    load,
    remove,
    resolve_config_path,
    save,
)

KEY_ENV = "UPWARD_LRS_KEY"
SECRET_ENV = "UPWARD_LRS_SECRET"


def add_config_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--config", type=Path, default=None, metavar="PATH",
        help=f"the programme file (default: ${CONFIG_ENV}, else programme.json in your "
        "config folder)",
    )


def add_credentials(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument("--key", default=None, metavar="KEY",
                        help=f"the LRS key {what} (default: ${KEY_ENV})")
    parser.add_argument("--secret", default=None, metavar="SECRET",
                        help=f"the LRS secret {what} (default: ${SECRET_ENV}, which keeps it "
                        "out of your shell history)")


def credentials(args: argparse.Namespace) -> tuple[str, str]:
    key = args.key if args.key is not None else os.environ.get(KEY_ENV)
    secret = args.secret if args.secret is not None else os.environ.get(SECRET_ENV)
    if not key or not secret:
        raise UsageError(f"give the LRS key and secret: --key KEY --secret SECRET (or "
                         f"${KEY_ENV} and ${SECRET_ENV})")
    return key, secret


def add_parser(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
    parents: list[argparse.ArgumentParser],
) -> None:
    parser = sub.add_parser(
        "programme",
        parents=parents,
        help="join or leave a programme: your results go to its Learning Record Store",
        description="A programme lead hands out an xAPI endpoint, a key and a secret. Joining "
        "sends each practice turn to that Learning Record Store as xAPI statements (scores, "
        "bands, criteria and flag ids; no reply text unless you choose --share-replies), "
        "under a pseudonym made for this programme only.",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    join = actions.add_parser("join", help="join a programme", description="Join a programme: "
                              "store its LRS endpoint, key and secret (readable by you only).")
    join.add_argument("url", metavar="URL", help="the programme's xAPI endpoint")
    add_credentials(join, "the programme lead gave you")
    join.add_argument("--share-replies", action="store_true",
                      help="also send what you wrote in each reply (off by default)")
    leave = actions.add_parser("leave", help="leave the programme: nothing more is sent",
                               description="Stop sending: say what was sent, drop what "
                               "was not, and forget the programme's key and secret.")
    status = actions.add_parser("status", help="which programme, and what was sent",
                                description="The programme you joined and its outbox.")
    for each in (join, leave, status):
        add_config_option(each)
        add_db_option(each)
    join.set_defaults(func=run_join)
    leave.set_defaults(func=run_leave)
    status.set_defaults(func=run_status)


def _fail(exc: Exception) -> int:
    print(f"upward programme: {exc}", file=sys.stderr)
    return EXIT_PROBLEMS


def run_join(args: argparse.Namespace) -> int:
    key, secret = credentials(args)
    path = resolve_config_path(args.config)
    try:
        endpoint = check_endpoint(args.url)
        previous = load(path)
        if previous is not None and previous.endpoint != endpoint:
            raise ProgrammeError(f"you are in the programme at {previous.endpoint}; run "
                                 "`upward programme leave` first")
        programme = joined_now(endpoint, key, secret, args.share_replies, previous)
        save(path, programme)
    except ProgrammeError as exc:
        return _fail(exc)
    except OSError as exc:
        return _fail(ProgrammeError(f"{path}: cannot write the programme file "
                                    f"({exc.strerror or exc})"))
    again = " again (new key and secret, same pseudonym)" if previous is not None else ""
    replies = ("what you write is sent too" if programme.share_replies
               else "no reply text is sent")
    print(f"Joined the programme at {endpoint}{again}.\n"
          f"Your results go there as {programme.account} ({replies}); they are sent in the "
          "background while you practise, and `upward sync` sends what is waiting.")
    return EXIT_OK


def _counts(args: argparse.Namespace, endpoint: str) -> tuple[int, int, str | None]:
    db = resolve_db_path(args.db)
    if not db.exists():
        return 0, 0, None
    with SqliteStore(db) as store:
        counts = store.outbox_counts(endpoint)
    return counts.sent, counts.waiting, counts.last_error


def run_leave(args: argparse.Namespace) -> int:
    path = resolve_config_path(args.config)
    try:
        programme = load(path)
    except ProgrammeError as exc:
        remove(path)  # a damaged file holds nothing worth keeping, perhaps a secret
        print(f"upward programme: {exc}; it was removed", file=sys.stderr)
        return EXIT_OK
    if programme is None:
        print("You are not in a programme; nothing is being sent.")
        return EXIT_OK
    dropped = 0
    try:
        sent, _, _ = _counts(args, programme.endpoint)
        db = resolve_db_path(args.db)
        if db.exists():
            with SqliteStore(db) as store:
                dropped = store.discard_waiting(programme.endpoint)
    except HistoryError as exc:
        return _fail(exc)
    remove(path)
    print(f"Left the programme at {programme.endpoint}: {plural(sent, 'statement')} had been "
          f"sent as {programme.account}.")
    if dropped:
        print(f"{plural(dropped, 'statement')} not yet sent will not be sent; your own history "
              "keeps every attempt.")
    print("Nothing more is sent; the programme's key and secret are forgotten.")
    return EXIT_OK


def run_status(args: argparse.Namespace) -> int:
    try:
        programme = load(resolve_config_path(args.config))
        if programme is None:
            print("You are not in a programme: your practice stays on this machine. "
                  "`upward programme join URL --key KEY --secret SECRET` joins one.")
            return EXIT_OK
        sent, waiting, error = _counts(args, programme.endpoint)
    except (ProgrammeError, HistoryError) as exc:
        return _fail(exc)
    replies = "with your reply text" if programme.share_replies else "no reply text"
    print(f"Programme: {programme.endpoint}\nYou appear there as {programme.account} "
          f"({replies}).\n{plural(sent, 'statement')} sent, {waiting} waiting.")
    if waiting and error:
        print(f"Last try: {error}")
    return EXIT_OK
