"""`upward serve`: the app in a browser through textual-serve, on 127.0.0.1 unless told otherwise.

textual-serve starts one `upward` process per browser connection and has no authentication,
so the default binds to the loopback address only; `--host 0.0.0.0` is a deliberate choice.
"""

from __future__ import annotations

import argparse
import os
import shlex
import sys

from simulator.cli.cmd_history import add_db_option
from simulator.cli.common import EXIT_OK, UsageError, library_root
from simulator.history import DB_ENV

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def add_parser(sub: argparse._SubParsersAction, parents: list[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "serve",
        parents=parents,
        help="serve the app in a web browser (127.0.0.1 by default)",
        description="Serve the Upward app in a browser with textual-serve. Each browser tab "
        "runs its own app; there is no login, so keep the default host unless the network is "
        "trusted.",
    )
    parser.add_argument("--host", default=DEFAULT_HOST,
                        help=f"address to listen on (default {DEFAULT_HOST})")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT,
                        help=f"port to listen on (default {DEFAULT_PORT})")
    add_db_option(parser)
    parser.set_defaults(func=run)


def app_command(args: argparse.Namespace) -> str:
    """The command each browser connection runs: this Python, this library, this history."""
    parts = [sys.executable, "-m", "simulator", "--library", str(library_root(args).resolve())]
    return shlex.join(parts)


def run(args: argparse.Namespace) -> int:
    if not 0 < args.port < 65536:
        raise UsageError(f"--port {args.port}: use a port from 1 to 65535")
    from textual_serve.server import Server  # only this command needs the web server

    command = app_command(args)
    if args.db is not None:
        # Each connection's process inherits the environment; `upward` alone has no --db.
        os.environ[DB_ENV] = str(args.db.resolve())
    print(f"Serving Upward on http://{args.host}:{args.port} (Ctrl+C stops it)", file=sys.stderr)
    Server(command, host=args.host, port=args.port, title="Upward").serve()
    return EXIT_OK
