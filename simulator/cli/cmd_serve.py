"""`upward serve`: the app in a browser through textual-serve, guarded (see `serve_guard`).

Loopback only unless `--allow-remote`; then a warning, and an access token in the URL.
"""

from __future__ import annotations

import argparse
import errno
import os
import shlex
import sys

from simulator.cli.cmd_history import add_db_option
from simulator.cli.common import EXIT_OK, EXIT_PROBLEMS, UsageError, library_root
from simulator.history import DB_ENV
from simulator.safety.bounds import bounded_int

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_MAX_SESSIONS = 3
"""Each tab is one app process (about 45 MB); three tabs is plenty for one learner."""


def add_parser(sub: argparse._SubParsersAction, parents: list[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "serve",
        parents=parents,
        help="serve the app in a web browser (127.0.0.1 by default)",
        description="Serve the Upward app in a browser with textual-serve. Each browser tab "
        "runs its own app. Only requests addressed to this server from its own page are "
        "answered (Host and Origin are checked); off loopback an access token is required.",
    )
    parser.add_argument("--host", default=DEFAULT_HOST,
                        help=f"address to listen on (default {DEFAULT_HOST}); an address other "
                        "than loopback also needs --allow-remote")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT,
                        help=f"port to listen on (default {DEFAULT_PORT})")
    parser.add_argument("--max-sessions", type=bounded_int(1, 100),
                        default=DEFAULT_MAX_SESSIONS, metavar="N",
                        help="at most N app processes (browser tabs) at once (default "
                        f"{DEFAULT_MAX_SESSIONS})")
    parser.add_argument("--allow-remote", action="store_true",
                        help="allow --host to be an address other machines can reach; the "
                        "printed URL then carries an access token, and the history of the "
                        "learner running serve is open to whoever has that URL")
    add_db_option(parser)
    parser.set_defaults(func=run)


def app_command(args: argparse.Namespace) -> str:
    """The command each browser connection runs: this Python, this library, this history."""
    parts = [sys.executable, "-m", "simulator", "--library", str(library_root(args).resolve())]
    return shlex.join(parts)


def bind_message(exc: OSError, host: str, port: int) -> str:
    """Why the server could not listen, and what to do: never "cannot write the output"."""
    if exc.errno == errno.EADDRINUSE:
        return (f"port {port} on {host} is already in use (another `upward serve`?); stop it or "
                "choose another with --port")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return f"not allowed to listen on port {port}; ports below 1024 need privileges, use " \
               "--port 8000"
    if exc.errno == errno.EADDRNOTAVAIL:
        return f"{host} is not an address of this machine; use --host 127.0.0.1"
    return f"cannot listen on {host}:{port} ({exc.strerror or exc}); check --host and --port"


def run(args: argparse.Namespace) -> int:
    from simulator.cli.serve_guard import GuardedServer, is_loopback, new_token

    if not 0 < args.port < 65536:
        raise UsageError(f"--port {args.port}: use a port from 1 to 65535")
    remote = not is_loopback(args.host)
    if remote and not args.allow_remote:
        raise UsageError(f"--host {args.host} is reachable from other machines; Upward serves "
                         "the learner's history to whoever connects, so add --allow-remote "
                         "if you mean it (an access token will be required)")
    command = app_command(args)
    if args.db is not None:
        # Each connection's process inherits the environment; `upward` alone has no --db.
        os.environ[DB_ENV] = str(args.db.resolve())
    token = new_token() if remote else None
    server = GuardedServer(command, host=args.host, port=args.port,
                           max_sessions=args.max_sessions, token=token)
    where = f"[{args.host}]" if ":" in args.host else args.host
    if remote:
        print(f"upward serve: warning: listening on {args.host}, reachable from other "
              "machines. Anyone with the URL below can use this learner's history; share it "
              "only over a network you trust (it is printed once).", file=sys.stderr)
        hint = " (use this machine's IP address in place of it)" if server.wildcard else ""
        print(f"Serving Upward on http://{where}:{args.port}/?token={token}{hint} (Ctrl+C "
              "stops it)", file=sys.stderr, flush=True)
    else:
        print(f"Serving Upward on http://{where}:{args.port} (Ctrl+C stops it)",
              file=sys.stderr, flush=True)
    try:
        server.serve()
    except OSError as exc:
        print(f"upward serve: {bind_message(exc, args.host, args.port)}", file=sys.stderr)
        return EXIT_PROBLEMS
    return EXIT_OK
