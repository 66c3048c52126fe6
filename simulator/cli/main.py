"""`upward`: the entry point. Each command lives in its own `cmd_*` module."""

from __future__ import annotations

import argparse
import importlib
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType
from typing import NoReturn

from simulator import __version__
from simulator.cli.common import EXIT_INTERRUPTED, EXIT_PROBLEMS, EXIT_USAGE, UsageError
from simulator.safety.text import terminal_text

COMMAND_NAMES = (
    "play", "validate", "test", "lint", "graph", "score", "schema", "history", "export",
    "report", "serve", "calibrate", "programme", "sync",
)
"""Each lives in `simulator.cli.cmd_<name>` with `add_parser(subparsers, parents)`; this order
is the order in `--help`. A command line naming one imports only that one: `upward play ID`
paints sooner without loading the history, report and server commands it does not run."""

HISTORY_FREE = frozenset({None, "validate", "test", "lint", "graph", "score", "schema", "calibrate",
                          "serve"})
"""Commands that never open the history, so they start without importing it (the app opens it
behind its first frame)."""


def command_module(name: str) -> ModuleType:
    return importlib.import_module(f"simulator.cli.cmd_{name}")


def __getattr__(name: str) -> list[ModuleType]:
    if name == "COMMANDS":  # every command module, imported on first use
        return [command_module(command) for command in COMMAND_NAMES]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class _Parser(argparse.ArgumentParser):
    """argparse, plus a did-you-mean for a mistyped command (`upward valdate`)."""

    def error(self, message: str) -> NoReturn:
        found = re.match(r"argument COMMAND: invalid choice: '([^']*)'", message)
        if found:
            from simulator.loading.problems import did_you_mean

            names = list(COMMAND_NAMES)
            hint = did_you_mean(found.group(1), names)
            message = (f"no command '{found.group(1)}'{hint} (commands: {', '.join(names)}); "
                       "`upward --help` describes them")
        elif message.startswith("unrecognized arguments: -"):
            message += "; to give a text that starts with '-', put `--` before it"
        super().error(terminal_text(message))  # it quotes what was typed


def named_command(argv: Sequence[str]) -> str | None:
    """The command `argv` runs, when it plainly names one; None for help, errors and the app."""
    skip = False
    for token in argv:
        if skip:
            skip = False
        elif token == "--library":
            skip = True
        elif token.startswith("--library="):
            continue
        elif token.startswith("-"):
            return None  # --help, --version, a mistake: the full parser answers those
        else:
            return token if token in COMMAND_NAMES else None
    return None


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser; with `argv` naming a command, only that command's part of it."""
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
    named = None if argv is None else named_command(argv)
    for name in COMMAND_NAMES if named is None else (named,):
        command_module(name).add_parser(sub, [common])
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    prefix = f"upward {args.command}" if args.command else "upward"
    if args.command not in HISTORY_FREE and (args.command != "play" or args.plain):
        # Here, not at the top: the app's first frame needs no history.
        from simulator.history import database

        # Said while waiting for a locked history, instead of seconds of silence.
        database.notice = lambda text: print(terminal_text(f"{prefix}: {text}"),
                                             file=sys.stderr, flush=True)
    try:
        if args.command is None:
            return int(command_module("play").run_app(args))
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
