"""Loading a large library, against PyYAML's C parser; and the latency of one reply.

    python bench/load.py [--scenarios N] [--replies N]

Generates a library of N scenarios (about 8 beats each, a few examples) in a temporary folder
with the standard rubrics, then prints:

- the time `load_library` takes (read, parse with positions, validate, cross-check) over the
  time PyYAML's C loader (`yaml.CSafeLoader`) takes to parse the same files in the same run;
  the target is a ratio of 3 or less;
- p50 / p99 / max of `Session.respond()` over many replies (scoring, branching, line picking);
  the target is a p99 under 5 ms.

Timings are printed, never asserted: a loaded machine must not fail a build.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from simulator.engine import RubricBook, Session
from simulator.loading import Library, load_library

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared" / "calibration"
TRACKS = {
    "junior": ("junior-challenge", ["specific", "impact", "invites_dialogue"],
               ["blame", "contempt", "over_apology"]),
    "senior": ("senior-openness", ["acknowledges", "curious", "commits"],
               ["pulls_rank", "dismisses", "defensive"]),
}
FALLBACK_REPLIES = [
    "Thanks for the time. Last week three directors asked me what the red column meant. "
    "Can I show you?",
    "Sorry to bother you, it's probably nothing, but maybe the dashboard could be better?",
    "You never listen to anyone below director level.",
    "I noticed 40% of the team skipped the survey. I think that hides a problem. What do you "
    "think we should ask them?",
    "That's a fair point, I hadn't seen it that way. Tell me more about what you heard.",
    "I've been doing this for twenty years; I think I know how the board reads a chart.",
]


def _when(rng: random.Random, criteria: list[str], flags: list[str]) -> str:
    kind = rng.randrange(5)
    if kind == 0:
        return f"{{flags_any: [{rng.choice(flags)}]}}"
    if kind == 1:
        return "{band: strong, meter: {trust: {at_least: 0}}}"
    if kind == 2:
        return f"{{met: [{rng.choice(criteria)}], no_flags: true}}"
    if kind == 3:
        return "{any: [{band: adequate}, {score_at_least: 0.5}]}"
    return "{band: [strong, adequate]}"


def scenario_yaml(index: int, track: str, rng: random.Random, beats: int = 8) -> str:
    """A scenario shaped like a hand-written one: lines, choices, conditions, effects."""
    rubric, criteria, flags = TRACKS[track]
    ids = [f"beat-{n}" for n in range(beats)]
    endings = ["agreed", "partly", "closed"]
    out = [
        f"id: bench-{index:04d}",
        f"title: Benchmark conversation {index}",
        f"track: {track}",
        f"rubric: {rubric}",
        f"difficulty: {1 + index % 3}",
        "tags: [benchmark, generated]",
        "summary: A generated conversation of realistic size for the load benchmark.",
        "briefing: |",
        "  You asked for fifteen minutes with the director to talk about the quarterly review.",
        "  Three people on your team told you the new process leaves them out of decisions.",
        "goal: Raise it specifically, say why it matters and invite their view.",
        "counterpart:",
        "  name: Jordan Avery",
        "  role: Director of Operations",
        "  style: busy, friendly on the surface, protective of the process they designed",
        "meters: {trust: 0, patience: 2}",
        f"max_turns: {beats}",
        "on_max_turns: partly",
        f"start: {ids[0]}",
        "beats:",
    ]
    for n, beat in enumerate(ids):
        later = ids[n + 1:] or endings[:1]
        out += [
            f"  {beat}:",
            "    say:",
            f'      - "Right, so what did you want to raise about the review, part {n}?"',
            '      - "I have a few minutes. Go on, what is it about the process?"',
            "    choices:",
            '      - "Sorry to bother you, it is probably nothing, but maybe it could change?"',
            '      - "Last week three people told me they were left out. What do you think?"',
            '      - "The process is fine, I suppose, if you say so."',
        ]
        if n % 3 == 0:
            out += [
                "    focus:",
                f"      - id: on-topic-{n}",
                "        label: Stays on the review",
                "        detect: {phrases: [review, process, decision]}",
            ]
        out += [
            "    next:",
            f"      - to: {endings[n % len(endings)]}",
            f"        when: {_when(rng, criteria, flags)}",
            "        effects: {trust: -1}",
            f"      - to: {rng.choice(later)}",
            f"        when: {_when(rng, criteria, flags)}",
            "        effects: {trust: 1, patience: -1}",
            f"      - to: {later[0]}",
        ]
    out.append("endings:")
    for ending, outcome in zip(endings, ["success", "partial", "setback"], strict=True):
        out += [
            f"  {ending}:",
            f'    say: "That is where we leave it ({ending})."',
            f"    outcome: {outcome}",
            "    debrief: |",
            "      What happened, what worked, and one thing to try next time, in a few lines.",
        ]
    if index % 10 == 0:
        out += [
            "examples:",
            "  - name: picks the specific choice every time",
            f"    responses: [{', '.join(['/2'] * 2)}]",
            "    expect: {ending: agreed}",
        ]
    return "\n".join(out) + "\n"


def generate(root: Path, count: int) -> list[Path]:
    rng = random.Random(20240601)
    (root / "rubrics").mkdir(parents=True)
    for name in ("junior-challenge.yaml", "senior-openness.yaml"):
        shutil.copy(REPO / "rubrics" / name, root / "rubrics" / name)
    files = sorted((root / "rubrics").glob("*.yaml"))
    for index in range(count):
        track = "junior" if index % 2 == 0 else "senior"
        folder = root / "scenarios" / track
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"bench-{index:04d}.yaml"
        path.write_text(scenario_yaml(index, track, rng), encoding="utf-8")
        files.append(path)
    return files


def best_of(runs: int, work: Callable[[], object]) -> float:
    """The fastest of several runs: the least disturbed by the rest of the machine."""
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        timings.append(time.perf_counter() - start)
    return min(timings)


def replies() -> list[str]:
    texts = list(FALLBACK_REPLIES)
    for name in ("core_junior.jsonl", "core_senior.jsonl"):
        path = SHARED / name
        if path.exists():
            texts += [json.loads(line)["text"] for line in path.read_text().splitlines() if line]
    return texts


def bench_respond(library: Library, count: int) -> list[float]:
    rubrics = RubricBook.of(library)
    ids = sorted(library.scenarios)
    texts = replies()
    rng = random.Random(7)
    timings: list[float] = []
    while len(timings) < count:
        session = Session.from_library(library, rng.choice(ids), seed=len(timings),
                                       rubrics=rubrics)
        while not session.ended and len(timings) < count:
            response = rng.choice(texts) if rng.random() < 0.8 else f"/{rng.randint(1, 3)}"
            start = time.perf_counter_ns()
            session.respond(response)
            timings.append((time.perf_counter_ns() - start) / 1e6)
        session.close()
    return timings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scenarios", type=int, default=1000)
    parser.add_argument("--replies", type=int, default=5000)
    parser.add_argument(
        "--runs", type=int, default=1,
        help="time each side this many times and keep the fastest (default 1: a full load "
        "takes seconds, so one run is already stable)",
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        files = generate(root, args.scenarios)
        size = sum(p.stat().st_size for p in files)
        library = load_library(root)
        if library.problems:
            print("\n".join(str(p) for p in library.problems[:5]), file=sys.stderr)
            print("the generated library has problems; fix generate()", file=sys.stderr)
            return 1

        def parse_c() -> None:
            for path in files:
                yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)

        # The floor is the best of three (cheap) runs, so the ratio errs high, never low.
        floor = best_of(max(3, args.runs), parse_c)
        loading = best_of(args.runs, lambda: load_library(root))
        print(f"library: {len(files)} files, {size / 1e6:.1f} MB, "
              f"{len(library.scenarios)} scenarios")
        print(f"yaml CSafeLoader parse: {floor * 1e3:8.1f} ms (floor)")
        print(f"load_library:           {loading * 1e3:8.1f} ms")
        print(f"load ratio: {loading / floor:.2f}x (target <= 3x)")

        timings = sorted(bench_respond(library, args.replies))
        p50 = statistics.median(timings)
        p99 = timings[min(len(timings) - 1, int(len(timings) * 0.99))]
        print(f"Session.respond over {len(timings)} replies: p50 {p50:.3f} ms, "
              f"p99 {p99:.3f} ms, max {timings[-1]:.3f} ms (target p99 < 5 ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
