"""`upward`: the entry point. Each command lives in its own `cmd_*` module."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from simulator import __version__
from simulator.cli import (
    cmd_calibrate,
    cmd_export,
    cmd_graph,
    cmd_history,
    cmd_lint,
    cmd_play,
    cmd_programme,
    cmd_report,
    cmd_schema,
    cmd_score,
    cmd_serve,
    cmd_sync,
    cmd_test,
    cmd_validate,
)
from simulator.cli.common import EXIT_INTERRUPTED, EXIT_PROBLEMS, EXIT_USAGE, UsageError
from simulator.history import database
from simulator.loading.problems import did_you_mean
from simulator.safety.text import terminal_text

COMMANDS = [
    cmd_play, cmd_validate, cmd_test, cmd_lint, cmd_graph, cmd_score, cmd_schema, cmd_history,
    cmd_export, cmd_report, cmd_serve,
    cmd_calibrate,
    cmd_programme, cmd_sync,
]
"""Modules with `add_parser(subparsers, parents)`; their order is the order in `--help`."""


class _Parser(argparse.ArgumentParser):
    """argparse, plus a did-you-mean for a mistyped command (`upward valdate`)."""

    def error(self, message: str) -> NoReturn:
        found = re.match(r"argument COMMAND: invalid choice: '([^']*)'", message)
        if found:
            names = [module.__name__.rsplit("_", 1)[-1] for module in COMMANDS]
            hint = did_you_mean(found.group(1), names)
            message = (f"no command '{found.group(1)}'{hint} (commands: {', '.join(names)}); "
                       "`upward --help` describes them")
        elif message.startswith("unrecognized arguments: -"):
            message += "; to give a text that starts with '-', put `--` before it"
        super().error(terminal_text(message))  # it quotes what was typed


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--library",
        type=Path,
        metavar="DIR",
        # SUPPRESS: a subcommand's own copy must not reset a value given before the command.
        default=argparse.SUPPRESS,
        help="the folder holding scenarios/ and rubrics/ (default: $UPWARD_LIBRARY, "
        "else the current folder if it is one, else the shipped library)",
    )
    parser = _Parser(
        prog="upward",
        description="Upward: rehearse reverse-mentoring conversations. "
        "With no command, opens the app.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"upward {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMANDS:
        module.add_parser(sub, [common])
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    prefix = f"upward {args.command}" if args.command else "upward"
    if args.command not in (None, "serve") and (args.command != "play" or args.plain):
        # Said while waiting for a locked history, instead of seconds of silence.
        database.notice = lambda text: print(terminal_text(f"{prefix}: {text}"),
                                             file=sys.stderr, flush=True)
    try:
        if args.command is None:
            return cmd_play.run_app(args)
        return int(args.func(args))
    except UsageError as exc:
        # A usage error quotes what was typed: an id or a path may hold escape codes.
        print(terminal_text(f"{prefix}: {exc}"), file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print(f"\n{prefix}: interrupted; nothing already saved was lost", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return 0
    except OSError as exc:
        # The last line of defence: a file or folder the command could not use, said plainly.
        reason = exc.strerror or str(exc)
        if exc.filename:
            message = f"{exc.filename}: {reason}; check the path and its permissions"
        else:  # writing the output itself failed (a full disk, a closed terminal)
            message = f"cannot write the output ({reason}); nothing already saved was lost"
        print(terminal_text(f"{prefix}: {message}"), file=sys.stderr)
        return EXIT_PROBLEMS
