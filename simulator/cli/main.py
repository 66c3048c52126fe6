"""`upward`: the entry point. Each command lives in its own `cmd_*` module."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from simulator import __version__
from simulator.cli import (
    cmd_export,
    cmd_graph,
    cmd_history,
    cmd_lint,
    cmd_play,
    cmd_report,
    cmd_schema,
    cmd_score,
    cmd_serve,
    cmd_test,
    cmd_validate,
)
from simulator.cli.common import EXIT_USAGE, UsageError

COMMANDS = [
    cmd_play, cmd_validate, cmd_test, cmd_lint, cmd_graph, cmd_score, cmd_schema, cmd_history,
    cmd_export, cmd_report, cmd_serve,
]
"""Modules with `add_parser(subparsers, parents)`; their order is the order in `--help`."""


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
    parser = argparse.ArgumentParser(
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
    try:
        if args.command is None:
            return cmd_play.run_app(args)
        return int(args.func(args))
    except UsageError as exc:
        print(f"upward {args.command}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print(file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
