"""How fast the scoring engine is, as a ratio to a floor measured in the same run.

    python bench/scoring.py [--replies N] [--seed N] [--builtin]

Scores N (default 50,000) replies made reproducibly from one to eight sentence fragments, with a
rubric of realistic size: all of rubrics/*.yaml merged into one (about 10 criteria, 10 flags,
400 phrases, 10 regexes), or with `--builtin` (or no rubrics/) a rubric of that size built here.

The floor is the cheapest thing that could pretend to do the job: one compiled Python `re`
alternation of every phrase, `\\b...\\b`, case-insensitive, run with `finditer` over the same
texts. The engine does far more (normalisation with offsets, inflections, negation, questions,
statements, regexes, evidence), so the target is a ratio of at most 3. Floor and engine run in
alternating chunks so that a busy machine slows both alike. Per-reply latency is printed as
wall-clock and as thread CPU time (the latter is immune to other processes on the machine).
Nothing here passes or fails: it prints numbers.
"""

from __future__ import annotations

import argparse
import random
import re
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from simulator.loading import load_files
from simulator.model import Rubric
from simulator.scoring import MAX_REPLY_CHARS, CompiledRubric

REPO = Path(__file__).resolve().parent.parent
CHUNKS = 10

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


def replies(count: int, seed: int) -> list[str]:
    """Replies of one to eight fragments, the same list for the same seed."""
    rng = random.Random(seed)
    return [" ".join(rng.choices(FRAGMENTS, k=rng.randint(1, 8))) for _ in range(count)]


def longest_reply(seed: int) -> str:
    """A reply at the length limit, for the worst case."""
    rng = random.Random(seed)
    text = ""
    while len(text) < MAX_REPLY_CHARS:
        text += rng.choice(FRAGMENTS) + " "
    return text[:MAX_REPLY_CHARS]


SINGLE_WORDS = [
    "sorry", "apologies", "maybe", "just", "perhaps", "obviously", "clearly", "basically",
    "honestly", "actually", "anyway", "thanks", "appreciate", "concern", "worried", "problem",
    "issue", "risk", "late", "slow", "confusing", "unclear", "missing", "ignored", "interrupted",
    "excluded", "dashboard", "survey", "numbers", "data",
]
SUBJECTS = ["i", "you", "we", "they", "it", "that", "this", "people", "the team", "nobody"]
VERBS = [
    "noticed", "think", "never", "always", "can't", "don't", "should", "missed", "heard", "feel",
    "want", "need", "saw", "said", "asked", "ignore", "care", "know", "understand", "agree",
    "believe", "wonder", "suggest", "worry", "doubt", "hope", "expect",
]


def builtin_rubric() -> Rubric:
    """10 criteria and 10 flags, 300 phrases of varied first words, a few regexes."""
    phrases = SINGLE_WORDS + [f"{s} {v}" for s in SUBJECTS for v in VERBS]
    lists = [phrases[k::20] for k in range(20)]  # 15 phrases each
    criteria: list[dict[str, Any]] = [
        {"id": f"criterion_{k}", "label": f"Criterion {k}", "weight": 1 + k % 3,
         "detect": {"phrases": lists[k]}}
        for k in range(8)
    ]
    criteria.append({"id": "curious", "label": "Curious", "detect": {"any": [
        {"phrases": lists[8]}, {"question": "open"},
    ]}})
    criteria.append({"id": "concrete", "label": "Concrete", "detect": {"any": [
        {"phrases": lists[9]},
        {"regex": r"\b\d+(\.\d+)?\s?(%|percent|people|times)"},
        {"regex": r"\b(last|this|next)\s+(week|month|quarter|meeting|review)\b"},
        {"i_statements": {"at_least": 1}},
    ]}})
    flags: list[dict[str, Any]] = [
        {"id": f"flag_{k}", "label": f"Flag {k}", "penalty": 0.1, "feedback": "A tip.",
         "detect": {"phrases": lists[10 + k], "unless_negated": k % 2 == 0}}
        for k in range(9)
    ]
    flags.append({"id": "blame", "label": "Blame", "penalty": 0.3, "feedback": "A tip.",
                  "detect": {"any": [{"phrases": lists[19]},
                                     {"regex": r"\byou\s+(never|always)\b"},
                                     {"you_statements": {"at_least": 2}}]}})
    return Rubric.model_validate({
        "id": "bench", "title": "Benchmark", "track": "junior",
        "bands": {"strong": 0.7, "adequate": 0.4}, "criteria": criteria, "flags": flags,
    })


def merged_rubric(rubrics: Sequence[Rubric]) -> Rubric:
    """Every criterion and flag of the given rubrics in one rubric."""
    data: dict[str, Any] = {
        "id": "bench", "title": "Benchmark", "track": "junior",
        "bands": {"strong": 0.7, "adequate": 0.4}, "criteria": [], "flags": [],
        "lexicons": {},
    }
    for rubric in rubrics:
        dumped = rubric.model_dump(by_alias=True, exclude_none=True)
        # Loaded rubrics carry their own and the shared lexicons; names are unique library-wide.
        data["lexicons"].update(dumped.get("lexicons", {}))
        for section in ("criteria", "flags"):
            for item in dumped[section]:
                data[section].append({**item, "id": f"{rubric.id}-{item['id']}"})
    return Rubric.model_validate(data)


def walk(detector: Any) -> Iterator[tuple[str, str]]:
    """("phrase", text) and ("regex", pattern) for every leaf of a detector model dump."""
    if isinstance(detector, dict):
        for key, value in detector.items():
            if key == "phrases":
                yield from (("phrase", phrase) for phrase in value)
            elif key == "regex":
                yield "regex", value
            else:
                yield from walk(value)
    elif isinstance(detector, list):
        for item in detector:
            yield from walk(item)


def percentile(sorted_values: Sequence[float], fraction: float) -> float:
    return sorted_values[min(len(sorted_values) - 1, int(len(sorted_values) * fraction))]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replies", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--builtin", action="store_true", help="ignore rubrics/*.yaml")
    args = parser.parse_args(argv)

    library = load_files(sorted((REPO / "rubrics").glob("*.yaml")))
    standard = [loaded.model for loaded in library.rubrics.values()]
    rubric = builtin_rubric() if args.builtin or not standard else merged_rubric(standard)
    source = "built in" if args.builtin or not standard else "rubrics/*.yaml merged"
    leaves = [leaf for item in (*rubric.criteria, *rubric.flags)
              for leaf in walk(item.model_dump(by_alias=True)["detect"])]
    # `@name` phrases stand for a lexicon's entries (nested `@other` entries included).
    found = [text for kind, text in leaves if kind == "phrase"]
    expanded: set[str] = set()
    while found:
        text = found.pop()
        if text.startswith("@") and text[1:] in rubric.lexicons:
            if text not in expanded:
                expanded.add(text)
                found += rubric.lexicons[text[1:]]
            continue
        expanded.add(text)
    phrases = sorted({t for t in expanded if not t.startswith("@")}, key=len, reverse=True)
    regexes = sum(kind == "regex" for kind, _ in leaves)
    texts = replies(args.replies, args.seed)

    started = time.perf_counter()
    compiled = CompiledRubric.compile(rubric)
    compile_ms = (time.perf_counter() - started) * 1e3
    floor = re.compile(r"\b(?:" + "|".join(map(re.escape, phrases)) + r")\b", re.IGNORECASE)

    floor_s = engine_s = 0.0
    floor_matches = flags = 0
    wall: list[float] = []
    cpu: list[float] = []
    size = -(-len(texts) // CHUNKS)
    for chunk in (texts[i : i + size] for i in range(0, len(texts), size)):
        started = time.perf_counter()
        for text in chunk:
            for _ in floor.finditer(text):
                floor_matches += 1
        floor_s += time.perf_counter() - started
        started = time.perf_counter()
        for text in chunk:
            t0, c0 = time.perf_counter(), time.thread_time()
            flags += len(compiled.score(text).flags)
            cpu.append(time.thread_time() - c0)
            wall.append(time.perf_counter() - t0)
        engine_s += time.perf_counter() - started
    wall.sort()
    cpu.sort()
    longest = longest_reply(args.seed)
    longest_s: list[float] = []
    for _ in range(21):
        started = time.perf_counter()
        compiled.score(longest)
        longest_s.append(time.perf_counter() - started)
    longest_s.sort()

    print(f"rubric: {source}: {len(rubric.criteria)} criteria, {len(rubric.flags)} flags, "
          f"{len(phrases)} distinct phrases, {regexes} regexes; compiled in {compile_ms:.1f} ms")
    print(f"replies: {len(texts):,} (seed {args.seed}), mean "
          f"{sum(map(len, texts)) / len(texts):.0f} characters")
    print(f"floor  (one re alternation, finditer): {floor_s:7.2f} s  ({floor_matches:,} matches)")
    print(f"engine (CompiledRubric.score):         {engine_s:7.2f} s  ({flags:,} flags raised)")
    print(f"ratio engine / floor: {engine_s / floor_s:.2f}x  (target <= 3x)")
    print(f"latency per reply, wall: p50 {percentile(wall, 0.5) * 1e6:.0f} us, "
          f"p99 {percentile(wall, 0.99) * 1e6:.0f} us, max {wall[-1] * 1e3:.1f} ms  "
          "(target p99 < 1 ms)")
    print(f"latency per reply, cpu:  p50 {percentile(cpu, 0.5) * 1e6:.0f} us, "
          f"p99 {percentile(cpu, 0.99) * 1e6:.0f} us")
    print(f"a reply at the {MAX_REPLY_CHARS:,}-character limit: median "
          f"{longest_s[len(longest_s) // 2] * 1e3:.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
