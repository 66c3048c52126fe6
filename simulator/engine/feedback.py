"""The feedback view model: what one scored reply tells the learner, whatever shows it.

The app, `play --plain`, `upward score` and the exported transcript all render a `Feedback`
(each in its own medium), so what they say cannot drift apart. Scores reach people as whole
points out of 100; the `--jsonl` and `--json` contracts keep 0.0-1.0.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from simulator.model import Band
from simulator.scoring.result import ScoreResult, Span

TO_WORK_ON = 2
"""Missed criteria named after a reply: the one or two that matter most, not the whole rubric."""

QUOTE_CHARS = 60
"""Long replies are shortened in one-line summaries; the full text is in the transcript."""

EVIDENCE_CHARS = 48
"""The longest piece of evidence quoted in feedback; the highlighted reply shows the rest."""


def points(score: float) -> int:
    """A 0.0-1.0 score as people read it, 0-100, rounded half up (0.745 -> 75)."""
    # The epsilon absorbs binary fractions such as 0.745 * 100 = 74.49999999999999.
    return math.floor(score * 100 + 0.5 + 1e-9)


def shorten(text: str, limit: int = QUOTE_CHARS) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 3].rstrip() + "..."


def quotes(text: str, spans: Iterable[Span]) -> tuple[str, ...]:
    """The learner's own words that triggered something, each once, clipped."""
    # A whole-reply detector (length, say) would quote the reply back at the learner: clip it.
    return tuple(dict.fromkeys(
        shorten(text[start:end], EVIDENCE_CHARS) for start, end in spans if end > start
    ))


def evidence(text: str, spans: tuple[Span, ...]) -> str:
    """The quotes as one string: `"last week", "I noticed"`."""
    return ", ".join(f'"{words}"' for words in quotes(text, spans))


class ItemKind(StrEnum):
    met = "met"
    work_on = "work_on"
    flag = "flag"


@dataclass(frozen=True, slots=True)
class Item:
    """One line of feedback: a criterion met, one to work on, or a flag raised."""

    kind: ItemKind
    id: str
    label: str
    words: tuple[str, ...] = ()
    """The learner's words that met the criterion or raised the flag (empty when unknown)."""
    tip: str = ""
    """The criterion's met or missed advice, or the flag's tip."""
    focus: bool = False
    """A beat's own focus criterion rather than one of the rubric's."""
    penalty: float = 0.0
    """A flag's penalty on the 0.0-1.0 scale (0 for criteria and unknown ones)."""
    note: str = ""
    """What met a whole-reply criterion (a length, no question back), said in words instead of
    highlighting the whole reply."""

    @property
    def detail(self) -> str:
        """`("I noticed", "last week")`, or the note in brackets, or nothing."""
        if self.words:
            return " (" + ", ".join(f'"{w}"' for w in self.words) + ")"
        return f" ({self.note})" if self.note else ""


@dataclass(frozen=True, slots=True)
class Feedback:
    """What one reply earned: band, points, what was met, what to work on, flags."""

    band: Band
    score: float
    met: tuple[Item, ...]
    work_on: tuple[Item, ...]
    flags: tuple[Item, ...]
    more: int = 0
    """Missed criteria left out of `work_on` (the learner sees only the one or two that matter)."""

    @property
    def points(self) -> int:
        return points(self.score)

    @property
    def headline(self) -> str:
        """`Strong · 75`: the band line every medium leads with."""
        return f"{self.band.value.capitalize()} · {self.points}"


def feedback_of(result: ScoreResult, work_on: int | None = TO_WORK_ON) -> Feedback:
    """The feedback on a scored reply; `work_on=None` lists every missed criterion."""
    met = tuple(
        Item(ItemKind.met, c.id, c.label, quotes(result.text, c.evidence), c.feedback, c.focus,
             note=c.note or "")
        for c in result.criteria if c.met
    )
    missed = result.missed
    chosen = result.to_work_on(len(missed) if work_on is None else work_on)
    flags = tuple(
        Item(ItemKind.flag, f.id, f.label, quotes(result.text, f.evidence), f.tip,
             penalty=f.penalty, note=f.note or "")
        for f in result.flags
    )
    return Feedback(
        band=result.band, score=result.score, met=met,
        work_on=tuple(Item(ItemKind.work_on, c.id, c.label, (), c.feedback, c.focus)
                      for c in chosen),
        flags=flags, more=len(missed) - len(chosen),
    )


def plain_feedback_lines(feedback: Feedback) -> list[str]:
    """The feedback as plain lines (`play --plain`, `upward score`, exported transcripts)."""
    lines = [f"Feedback: {feedback.headline}"]
    for item in feedback.met:
        focus = " (this turn)" if item.focus else ""
        tip = f" {item.tip}" if item.tip else ""
        lines.append(f"  Met: {item.label}{focus}{item.detail}.{tip}")
    for item in feedback.work_on:
        focus = " (this turn)" if item.focus else ""
        tip = f" {item.tip}" if item.tip else ""
        lines.append(f"  Try next: {item.label}{focus}.{tip}")
    if feedback.more:
        lines.append(f"  ({feedback.more} more criteria not met this time.)")
    for item in feedback.flags:
        lines.append(f"  Flag: {item.label}{item.detail}. Tip: {item.tip}")
    return lines
