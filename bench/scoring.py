"""`upward score --jsonl` on 50,000 replies, against the fastest simple way to find the phrases.

    python bench/scoring.py [--replies N] [--seed N] [--runs N] [--rubric ID ...]

Writes N (default 50,000) JSON lines `{"text", "context"}` of replies made reproducibly from one
to eight sentence fragments, then times, each in a fresh process (cold: interpreter start,
imports and reading the rubric included on both sides), best of `--runs` (default 3):

- the floor: a Python process that reads the same lines, parses each with orjson (as upward
  does), finds every phrase of the rubric (its `phrases` and its word lists, whole words, any
  case) with their spans in one pass of one RE2 alternation (over the UTF-8 bytes when the reply
  is ASCII, where byte offsets are character offsets and google-re2 has nothing to convert:
  the fastest simple way measured), and writes one JSON line of the spans per reply;
- `upward score --rubric ID --jsonl`, from the same file to a file; with `--before COMMAND`,
  another checkout's upward too, so one run gives the ratio before and after a change.

For reference it also times one RE2 Set pass of the same phrases (which occur, not where):
less work than scoring must do, since every piece of evidence needs its span.

The engine does far more than the floor (inflections, negation, clause scope, questions,
regexes, quotation, evidence, the score), so the target is a ratio of at most 2 (goal 1.5).
Then the latency of one `CompiledRubric.score` per reply in this process, as wall-clock and as
thread CPU time (immune to other processes); the target is a p99 under 1 ms. The generated
replies repeat their fragments, which keeps RE2's lazily built automata warm, so the same
latency is also measured on real labelled replies (bench/team-labelled/ and
shared/calibration/, every reply of the rubric's track): once on a freshly compiled rubric
(first pass: what a learner's first turns cost) and again (warm).
Nothing here passes or fails: it prints numbers.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shlex
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parent.parent
RUBRICS = ("junior-challenge", "senior-openness")

FRAGMENTS = [
    "Thanks for making the time.", "Sorry to bother you with this.", "I noticed something.",
    "In Tuesday's review, three directors asked what the red column meant.",
    "I’m worried we’re losing people because of it.", "Maybe it's just me, but it feels off.",
    "You always skip the data when it doesn't suit you.", "That's not really an issue.",
    "Could you walk me through how you chose the metric?", "What did you see that I didn't?",
    "I hadn't realised that; it's on me.", "I'll raise it with HR on Monday.",
    "In my twenty years here, I've seen this before.", "Anyway, what I really wanted to ask",
    "Fair point, I hear you.", "I don't want to dismiss this.", "We consulted everyone.",
    "Obviously nobody checked.", "40% of the sales team haven't logged in since March.",
    "Which means our pipeline numbers are incomplete.", "Is that the only reason?",
    "Good effort, but you'll understand when you're older.", "Let's not overthink it.",
    "Can we try it with one team first?", "I think the new policy is pushing parents out.",
    "The dashboard is confusing, and I’m not sure anyone reads it.", "Never mind, forget it.",
    "I appreciate you raising it; it took some nerve.", "Honestly, it is a bit slow.",
    "When you said ‘we’re all one family’, a few people felt it skipped over the redundancies.",
    "I'm not blaming you — I just think we missed something.", "Tell me more about that.",
    "Yes, but that's not fair to the team.", "How would you like to handle the next round?",
    "The ﬁgures from last week were late again.", "People your age see bias everywhere.",
    "It seems to me that the survey results were ignored.", "Why did we stop the pilot?",
    "My concern is that the interview panels were all men last time.", "Seriously?",
    "I suggest we look at the numbers together on Friday.", "That reminds me of my old firm.",
]
CONTEXTS = [
    "So, you wanted to talk about the board dashboard? I've got ten minutes.",
    "Go on, what is it about the process?", None,
]

FLOOR = r"""
import sys
import orjson, re2
phrases = orjson.loads(sys.argv[1])
options = re2.Options()
options.case_sensitive = False
options.max_mem = 64 << 20  # as upward's own sets: at the default the DFA runs out and falls back
pattern = re2.compile(r"\b(?:" + "|".join(map(re2.escape, phrases)) + r")\b", options)
out = sys.stdout
for line in sys.stdin.buffer:
    text = orjson.loads(line)["text"]
    found = pattern.finditer(text.encode() if text.isascii() else text)
    out.write(orjson.dumps({"spans": [m.span() for m in found]}).decode() + "\n")
"""
"""One RE2 alternation of every phrase, longest first, over each reply: JSON in, JSON out."""

SET_PASS = r"""
import sys
import orjson, re2
phrases = orjson.loads(sys.argv[1])
options = re2.Options()
options.max_mem = 64 << 20
found = re2.Set.SearchSet(options)
for phrase in phrases:
    found.Add(r"(?i)\b" + re2.escape(phrase) + r"\b")
found.Compile()
out = sys.stdout
for line in sys.stdin.buffer:
    text = orjson.loads(line)["text"]
    out.write(orjson.dumps({"found": found.Match(text.encode()) or []}).decode() + "\n")
"""
"""One RE2 Set pass: which phrases occur in each reply, without their spans."""


def replies(count: int, seed: int) -> list[dict[str, Any]]:
    """Replies of one to eight fragments with a counterpart's line, the same for the same seed."""
    rng = random.Random(seed)
    return [
        {"text": " ".join(rng.choices(FRAGMENTS, k=rng.randint(1, 8))),
         "context": rng.choice(CONTEXTS)}
        for _ in range(count)
    ]


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for inner in value.values():
            yield from _strings(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _strings(inner)


def _phrase_lists(data: Any) -> Iterator[str]:
    """Every string under a `phrases` or `lexicons` key, however deep."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key in ("phrases", "lexicons"):
                yield from _strings(value)
            else:
                yield from _phrase_lists(value)
    elif isinstance(data, list):
        for item in data:
            yield from _phrase_lists(item)


def rubric_phrases(rubric_id: str, root: Path = REPO) -> list[str]:
    """The rubric's phrases and word lists (its own, and shared lexicon files), longest first."""
    files = [root / "rubrics" / f"{rubric_id}.yaml", *sorted(root.glob("rubrics/lexicons/*"))]
    found: set[str] = set()
    for path in files:
        if path.is_file():
            found.update(_phrase_lists(yaml.safe_load(path.read_text(encoding="utf-8"))))
    words = {phrase.strip().lower() for phrase in found if phrase.strip()}
    return sorted(words, key=lambda phrase: (-len(phrase), phrase))


def timed(command: list[str], source: Path) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system, immune to a busy machine) of one process."""
    with source.open("rb") as stdin, tempfile.TemporaryFile() as stdout, \
            tempfile.TemporaryFile() as stderr:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdin=stdin, stdout=stdout, stderr=stderr)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            stderr.seek(0)
            raise RuntimeError(f"{command[:4]} exited {process.returncode}: "
                               f"{stderr.read().decode()[-500:]}")
    return elapsed, usage.ru_utime + usage.ru_stime


def best(runs: int, command: list[str], source: Path) -> tuple[float, float]:
    """The fastest wall time and the least CPU time of `runs` runs."""
    results = [timed(command, source) for _ in range(runs)]
    return min(wall for wall, _ in results), min(cpu for _, cpu in results)


def upward(command: str | None = None) -> list[str]:
    """The command that runs upward: `command` split like a shell would, else this venv's."""
    if command:
        return shlex.split(command)
    script = Path(sys.executable).parent / "upward"
    return [str(script)] if script.exists() else [sys.executable, "-m", "simulator"]


def percentile(sorted_values: Sequence[float], fraction: float) -> float:
    return sorted_values[min(len(sorted_values) - 1, int(len(sorted_values) * fraction))]


def latency(rubric_id: str, rows: Sequence[dict[str, Any]]) -> tuple[list[float], list[float]]:
    """Wall and thread-CPU seconds of each `CompiledRubric.score`, sorted."""
    from simulator.loading import load_files
    from simulator.scoring import CompiledRubric

    library = load_files(sorted((REPO / "rubrics").glob("*.yaml")))
    compiled = CompiledRubric.compile(library.rubrics[rubric_id].model)
    wall: list[float] = []
    cpu: list[float] = []
    for row in rows:
        t0, c0 = time.perf_counter(), time.thread_time()
        compiled.score(row["text"], context=row["context"])
        cpu.append(time.thread_time() - c0)
        wall.append(time.perf_counter() - t0)
    return sorted(wall), sorted(cpu)


def labelled_replies(track: str) -> list[dict[str, Any]]:
    """Real labelled replies of one track, in a fixed order."""
    folders = [REPO / "bench" / "team-labelled", REPO.parent / "shared" / "calibration",
               REPO.parent / "shared" / "calibration" / "more"]
    rows = []
    for folder in folders:
        for path in sorted(folder.glob("*.jsonl")):
            with path.open(encoding="utf-8") as lines:
                rows += [row for row in map(json.loads, lines) if row.get("track") == track]
    return [{"text": row["text"], "context": row.get("context", "")} for row in rows]


def real_latency(rubric_id: str) -> None:
    from simulator.loading import load_files
    from simulator.scoring import CompiledRubric

    library = load_files(sorted((REPO / "rubrics").glob("*.yaml")))
    model = library.rubrics[rubric_id].model
    rows = labelled_replies(model.track.value)
    if not rows:
        return
    compiled = CompiledRubric.compile(model)
    for name in ("first pass", "warm"):
        cpu = []
        for row in rows:
            c0 = time.thread_time()
            compiled.score(row["text"], context=row["context"])
            cpu.append(time.thread_time() - c0)
        cpu.sort()
        print(f"{rubric_id}: {len(rows):,} real labelled replies, {name}: cpu p50 "
              f"{percentile(cpu, 0.5) * 1e6:.0f} us, p99 {percentile(cpu, 0.99) * 1e6:.0f} us, "
              f"mean {sum(cpu) / len(cpu) * 1e6:.0f} us (target p99 < 1 ms)")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--replies", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--runs", type=int, default=3, help="best of this many (default 3)")
    parser.add_argument(
        "--upward", metavar="COMMAND", default=None,
        help="how to run upward, to compare checkouts (default: this environment's; e.g. "
        "'env -C /old/checkout python -m simulator')",
    )
    parser.add_argument(
        "--before", metavar="COMMAND", default=None,
        help="also time this upward (e.g. an older checkout, as for --upward) and print its "
        "ratio beside this one's, from the same run",
    )
    parser.add_argument("--rubric", action="append", metavar="ID",
                        help=f"a shipped rubric to time (default: {', '.join(RUBRICS)})")
    args = parser.parse_args(argv)
    rows = replies(args.replies, args.seed)
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "replies.jsonl"
        source.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
        print(f"replies: {len(rows):,} (seed {args.seed}), mean "
              f"{sum(len(row['text']) for row in rows) / len(rows):.0f} characters, "
              f"{source.stat().st_size / 1e6:.1f} MB of JSON lines; best of {args.runs}, cold")
        for rubric_id in args.rubric or RUBRICS:
            phrases = rubric_phrases(rubric_id)
            floor_command = [sys.executable, "-c", FLOOR, json.dumps(phrases)]
            floor, floor_cpu = best(args.runs, floor_command, source)
            set_pass, _ = best(args.runs, [sys.executable, "-c", SET_PASS, json.dumps(phrases)],
                               source)
            runs = [("", args.upward)] + ([("before: ", args.before)] if args.before else [])
            print(f"{rubric_id}: floor (one RE2 alternation of {len(phrases)} phrases, their "
                  f"spans) {floor:6.2f} s ({floor_cpu:.2f} s cpu); for reference one RE2 Set "
                  f"pass (which occur, no spans) {set_pass:6.2f} s")
            for label, how in runs:
                command = [*upward(how), "--library", str(REPO), "score", "--rubric",
                           rubric_id, "--jsonl"]
                ours, ours_cpu = best(args.runs, command, source)
                print(f"{rubric_id}: {label}upward score --jsonl {ours:6.2f} s "
                      f"({ours_cpu:.2f} s cpu), {ours / len(rows) * 1e6:.0f} us a reply")
                print(f"{rubric_id}: {label}scoring ratio {ours / floor:.2f}x, "
                      f"cpu {ours_cpu / floor_cpu:.2f}x (target <= 2x, goal 1.5x)")
            wall, cpu = latency(rubric_id, rows[: min(len(rows), 20_000)])
            print(f"{rubric_id}: per reply, wall p50 {percentile(wall, 0.5) * 1e6:.0f} us, "
                  f"p99 {percentile(wall, 0.99) * 1e6:.0f} us; cpu p50 "
                  f"{percentile(cpu, 0.5) * 1e6:.0f} us, p99 {percentile(cpu, 0.99) * 1e6:.0f} us"
                  " (target p99 < 1 ms)")
            real_latency(rubric_id)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
