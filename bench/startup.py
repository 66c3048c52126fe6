"""First paint of `upward play ID` in a real terminal, against a minimal Textual app.

    python bench/startup.py [--library DIR] [--scenario ID] [--runs N]

Each side runs as a fresh process (interpreter start, imports, reading the files) on its own
pseudo-terminal of 80x24; the clock runs from starting the process to the moment the terminal
receives the first frame showing the target text (the minimal app's "Hello", the scenario's title
on the briefing). The two alternate, best of `--runs` (default 3) each. Both sides find their
bytecode compiled, as an installed package has it: with `PYTHONDONTWRITEBYTECODE` set (as on CI
and some sandboxes) every run would compile Upward's own modules from source but not Textual's,
so both get one untimed round that writes bytecode into a private cache folder
(`PYTHONPYCACHEPREFIX`); every timed process still pays all of its imports. The minimal app
paints a Static and a Footer. Prints both and their ratio; the target is 1.5x or less (goal
1.2x). The shipped library is the default; `--library tests/fixtures/engine/library --scenario
fixture-dashboard` times the small fixture.

Timings are printed, never asserted: a loaded machine must not fail a build.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import re
import select
import shlex
import shutil
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
SIZE = (24, 80)
TIMEOUT = 30.0
_CONTROL = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-_]")

MINIMAL = """
from textual.app import App
from textual.widgets import Footer, Static

class Minimal(App):
    def compose(self):
        yield Static("Hello")
        yield Footer()

Minimal().run()
"""


def first_paint(command: list[str], marker: str, env: dict[str, str]) -> tuple[float, float]:
    """Seconds from starting `command` on a new terminal until `marker` is on the screen, and
    the CPU seconds the process had used when it was stopped just after (steadier on a busy
    machine, where the wall clock includes waiting for a core)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", *SIZE, 0, 0))
    started = time.perf_counter()
    process = subprocess.Popen(command, stdin=slave, stdout=slave, stderr=slave, env=env,
                               start_new_session=True)
    os.close(slave)
    seen = b""
    wanted = marker.encode()
    try:
        while time.perf_counter() - started < TIMEOUT:
            ready, _, _ = select.select([master], [], [], 0.5)
            if not ready:
                if process.poll() is not None:
                    break
                continue
            try:
                chunk = os.read(master, 1 << 16)
            except OSError:  # the process closed the terminal
                break
            seen += chunk
            if wanted in _CONTROL.sub(b"", seen):
                took = time.perf_counter() - started
                process.kill()
                _, _, usage = os.wait4(process.pid, 0)
                process.returncode = -9
                return took, usage.ru_utime + usage.ru_stime
        text = _CONTROL.sub(b"", seen).decode(errors="replace")
        raise RuntimeError(f"{command[-3:]} never showed {marker!r}; it showed: {text[-500:]}")
    finally:
        if process.returncode is None:
            process.kill()
            process.wait()
        os.close(master)


def upward(command: str | None = None) -> list[str]:
    """The command that runs upward: `command` split like a shell would, else this venv's."""
    if command:
        return shlex.split(command)
    script = Path(sys.executable).parent / "upward"
    return [str(script)] if script.exists() else [sys.executable, "-m", "simulator"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--library", type=Path, default=REPO)
    parser.add_argument("--scenario", default="board-dashboard")
    parser.add_argument("--runs", type=int, default=3, help="best of this many (default 3)")
    parser.add_argument(
        "--upward", metavar="COMMAND", default=None,
        help="how to run upward, to compare checkouts (default: this environment's; e.g. "
        "'env -C /old/checkout python -m simulator')",
    )
    args = parser.parse_args(argv)
    found = sorted(args.library.glob(f"scenarios/*/{args.scenario}.yaml"))
    if not found:
        raise SystemExit(f"no scenario '{args.scenario}' in {args.library}")
    title = str(yaml.safe_load(found[0].read_text(encoding="utf-8"))["title"])
    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder) / "minimal.py"
        script.write_text(MINIMAL, encoding="utf-8")
        env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(SIZE[1]),
               "LINES": str(SIZE[0]), "UPWARD_DB": str(Path(folder) / "history.db"),
               "PYTHONPYCACHEPREFIX": str(Path(folder) / "bytecode")}
        env.pop("TEXTUAL", None)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        ours_command = [*upward(args.upward), "--library", str(args.library), "play", args.scenario,
                        "--no-save"]
        minimal_command = [sys.executable, str(script)]
        # The title's first words: a long one may wrap at 80 columns.
        marker = " ".join(title.split()[:3])
        first_paint(minimal_command, "Hello", env)  # untimed: compiles the bytecode
        first_paint(ours_command, marker, env)
        minimal_times: list[tuple[float, float]] = []
        upward_times: list[tuple[float, float]] = []
        for _ in range(args.runs):
            minimal_times.append(first_paint(minimal_command, "Hello", env))
            upward_times.append(first_paint(ours_command, marker, env))
        shutil.rmtree(folder, ignore_errors=True)
    floor, ours = min(t for t, _ in minimal_times), min(t for t, _ in upward_times)
    floor_cpu, ours_cpu = min(c for _, c in minimal_times), min(c for _, c in upward_times)
    print(f"minimal Textual app, first paint in a terminal: {floor * 1e3:7.1f} ms (floor, best "
          f"of {args.runs}, fresh processes), CPU {floor_cpu * 1e3:6.1f} ms")
    print(f"upward play {args.scenario}, first paint:  {ours * 1e3:7.1f} ms, "
          f"CPU {ours_cpu * 1e3:6.1f} ms")
    print(f"startup ratio: {ours / floor:.2f}x (target <= 1.5x, goal 1.2x); CPU ratio "
          f"{ours_cpu / floor_cpu:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
