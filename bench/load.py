"""`upward validate` on a large library, against PyYAML's C loader parsing the same files.

    python bench/load.py [--sizes 100,1000,3000] [--runs 3] [--replies N]

For each size N, builds a library of N scenarios by copying the shipped ones (examples and
all, each copy with its own id and file name) beside the shipped rubrics, then times, each in a
fresh process (cold: interpreter start and imports included on both sides), best of `--runs`:

- the floor: a Python process that reads every file of the library and parses it with
  `yaml.load(text, Loader=yaml.CSafeLoader)` (libyaml; nothing kept, nothing checked);
- `upward validate --library DIR`: read, parse with positions, validate, cross-check, replay
  every example and score every choice.

It prints the ratio and the peak memory of each at every size, and the time per scenario, so
the curve shows whether validation stays linear (CPU time per scenario is the steadier
measure on a busy machine). Targets: at 1,000 scenarios at most 3x the
floor (goal 1.5x); under 300 MB at 3,000. Then the latency of `Session.respond()` on the
shipped library (target p99 under 5 ms).

Timings are printed, never asserted: a loaded machine must not fail a build.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared" / "calibration"
_ID_LINE = re.compile(r"^id:[ \t]*\S+", re.M)

FLOOR = """
import sys
import yaml
for name in sys.stdin.read().splitlines():
    with open(name, encoding="utf-8") as handle:
        yaml.load(handle.read(), Loader=yaml.CSafeLoader)
"""


def copy_library(root: Path, count: int, source: Path = REPO) -> list[Path]:
    """`count` scenarios copied round-robin from `source`, with the rubrics; the files."""
    shutil.copytree(source / "rubrics", root / "rubrics")
    originals = sorted((source / "scenarios").rglob("*.yaml"))
    files = sorted((root / "rubrics").rglob("*.yaml"))
    for index in range(count):
        original = originals[index % len(originals)]
        text = original.read_text(encoding="utf-8")
        new_id = f"{original.stem}-{index:04d}"
        text = _ID_LINE.sub(f"id: {new_id}", text, count=1)
        path = root / "scenarios" / original.parent.name / f"{new_id}.yaml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        files.append(path)
    return files


def timed(command: list[str], stdin: str = "") -> tuple[float, float, float, str]:
    """Wall seconds, CPU seconds, peak resident MB and standard output of one fresh process.

    CPU time (user + system) is what the work costs whatever else the machine is doing.
    """
    with tempfile.TemporaryFile() as out:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=out,
                                   stderr=subprocess.DEVNULL)
        assert process.stdin is not None
        process.stdin.write(stdin.encode())
        process.stdin.close()
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        output = out.read().decode()
    if process.returncode not in (0, 1):
        raise RuntimeError(f"{command[:3]} exited {process.returncode}: {output[-500:]}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, output


def best(runs: int, command: list[str], stdin: str = "") -> tuple[float, float, float, str]:
    """The fastest wall time and least CPU of `runs` (the least disturbed), peak memory."""
    results = [timed(command, stdin) for _ in range(runs)]
    return (min(r[0] for r in results), min(r[1] for r in results),
            max(r[2] for r in results), results[0][3])


def upward(command: str | None = None) -> list[str]:
    """The command that runs upward: `command` split like a shell would, else this venv's."""
    if command:
        return shlex.split(command)
    script = Path(sys.executable).parent / "upward"
    return [str(script)] if script.exists() else [sys.executable, "-m", "simulator"]


def measure(size: int, runs: int, command: str | None = None) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        files = copy_library(root, size)
        floor, floor_cpu, floor_mb, _ = best(runs, [sys.executable, "-c", FLOOR],
                                             "\n".join(map(str, files)))
        ours, ours_cpu, ours_mb, output = best(
            runs, [*upward(command), "--library", str(root), "validate"]
        )
        if not output.startswith("OK"):
            raise RuntimeError(f"the copied library does not validate: {output[-500:]}")
        size_bytes = sum(p.stat().st_size for p in files)
    return {"size": size, "floor": floor, "floor_cpu": floor_cpu, "floor_mb": floor_mb,
            "ours": ours, "ours_cpu": ours_cpu, "ours_mb": ours_mb, "bytes": size_bytes}


def replies() -> list[str]:
    texts = ["Thanks for the time. Last week three directors asked me what the red column "
             "meant. Can I show you?", "You never listen to anyone below director level."]
    for name in ("core_junior.jsonl", "core_senior.jsonl"):
        path = SHARED / name
        if path.exists():
            texts += [json.loads(line)["text"] for line in path.read_text().splitlines() if line]
    return texts


def bench_respond(count: int) -> list[float]:
    """Milliseconds per `Session.respond()` on the shipped library."""
    from simulator.engine import RubricBook, Session
    from simulator.loading import load_library

    library = load_library(REPO)
    rubrics = RubricBook.of(library)
    ids = sorted(library.scenarios)
    texts = replies()
    rng = random.Random(7)
    timings: list[float] = []
    while len(timings) < count:
        session = Session.from_library(library, rng.choice(ids), seed=len(timings),
                                       rubrics=rubrics)
        while not session.ended and len(timings) < count:
            choices = len(session.choices)
            pick = rng.random() < 0.2 and choices
            response = f"/{rng.randint(1, choices)}" if pick else rng.choice(texts)
            start = time.perf_counter_ns()
            session.respond(response)
            timings.append((time.perf_counter_ns() - start) / 1e6)
        session.close()
    return timings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000,3000",
                        help="scenario counts, comma-separated (default 100,1000,3000)")
    parser.add_argument("--runs", type=int, default=3, help="best of this many (default 3)")
    parser.add_argument(
        "--upward", metavar="COMMAND", default=None,
        help="how to run upward, to compare checkouts (default: this environment's; e.g. "
        "'env -C /old/checkout python -m simulator')",
    )
    parser.add_argument("--replies", type=int, default=5000,
                        help="replies for the respond latency (0 skips it)")
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",") if size]
    print(f"{'scenarios':>9} {'MB':>5} {'C parse':>8} {'validate':>9} {'ratio':>6} "
          f"{'cpu ratio':>9} {'ms/scen.':>8} {'cpu ms/s.':>9} {'floor MB':>8} {'peak MB':>8}")
    for size in sizes:
        row = measure(size, args.runs, args.upward)
        print(f"{size:9,} {row['bytes'] / 1e6:5.1f} {row['floor']:7.2f}s {row['ours']:8.2f}s "
              f"{row['ours'] / row['floor']:5.2f}x {row['ours_cpu'] / row['floor_cpu']:8.2f}x "
              f"{row['ours'] / size * 1e3:8.2f} {row['ours_cpu'] / size * 1e3:9.2f} "
              f"{row['floor_mb']:8.0f} {row['ours_mb']:8.0f}")
        if size == 1000:
            print(f"validate ratio at 1,000 scenarios: {row['ours'] / row['floor']:.2f}x wall, "
                  f"{row['ours_cpu'] / row['floor_cpu']:.2f}x cpu (target <= 3x, goal 1.5x)")
    if args.replies:
        timings = sorted(bench_respond(args.replies))
        p99 = timings[min(len(timings) - 1, int(len(timings) * 0.99))]
        print(f"Session.respond over {len(timings)} replies: p50 "
              f"{statistics.median(timings):.3f} ms, p99 {p99:.3f} ms, max {timings[-1]:.3f} ms "
              "(target p99 < 5 ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
