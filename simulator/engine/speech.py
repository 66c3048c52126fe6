"""What the counterpart says: a line picked from `say`, reacting to the reply that led here.

A `say` list holds plain variants (picked reproducibly from the seed) and lines with `when`:
the first of those whose condition holds is spoken instead. `{quote:ID}` puts the learner's
own words for criterion or flag ID into the line; a line whose quote has no words is skipped.
Nothing in a line is evaluated: the placeholder is the only thing replaced.
"""

from __future__ import annotations

import random

from simulator.engine.conditions import Facts, compile_when
from simulator.engine.feedback import quotes
from simulator.model import Line
from simulator.model.scenario import QUOTE, Lines
from simulator.scoring.result import ScoreResult


def _words(result: ScoreResult, item_id: str) -> str | None:
    """The learner's words for a met criterion or a raised flag, or None when there are none."""
    for criterion in result.criteria:
        if criterion.id == item_id and criterion.met:
            found = quotes(result.text, criterion.evidence)
            return ", ".join(found) if found else None
    for flag in result.flags:
        if flag.id == item_id:
            found = quotes(result.text, flag.evidence)
            return ", ".join(found) if found else None
    return None


def fill(text: str, result: ScoreResult | None) -> str | None:
    """`text` with each `{quote:ID}` replaced, or None when one has nothing to quote."""
    if QUOTE.search(text) is None:
        return text
    if result is None:
        return None
    missing = False

    def replace(match: object) -> str:
        nonlocal missing
        words = _words(result, match.group(1))  # type: ignore[attr-defined]
        if words is None:
            missing = True
            return ""
        return words

    filled = QUOTE.sub(replace, text)
    return None if missing else filled


def first_line(lines: Lines) -> str:
    """The first plain line: what a trainer's tools show for a node."""
    if isinstance(lines, str):
        return lines
    for line in lines:
        text = line if isinstance(line, str) else line.line
        if (isinstance(line, str) or line.when is None) and QUOTE.search(text) is None:
            return text
    first = lines[0]
    return QUOTE.sub("…", first if isinstance(first, str) else first.line)


def line_texts(lines: Lines) -> list[str]:
    """Every line as written, for checks such as line length."""
    if isinstance(lines, str):
        return [lines]
    return [line if isinstance(line, str) else line.line for line in lines]


def pick_line(lines: Lines, seed: int, turn: int, node: str, facts: Facts | None = None) -> str:
    """The line spoken at `node` after reply `turn` (0 for the opening).

    Seeding `random.Random` with a string hashes it with SHA-512, so the choice is stable
    across runs and machines (unlike `hash()`, which is salted per process).
    """
    if isinstance(lines, str):
        return fill(lines, None if facts is None else facts.result) or first_line(lines)
    result = None if facts is None else facts.result
    plain: list[str] = []
    for line in lines:
        if isinstance(line, Line) and line.when is not None:
            if facts is not None and compile_when(line.when).holds(facts):
                spoken = fill(line.line, result)
                if spoken is not None:
                    return spoken
            continue
        spoken = fill(line if isinstance(line, str) else line.line, result)
        if spoken is not None:
            plain.append(spoken)
    if not plain:
        return first_line(lines)
    if len(plain) == 1:
        return plain[0]
    return random.Random(f"{seed}:{turn}:{node}").choice(plain)
