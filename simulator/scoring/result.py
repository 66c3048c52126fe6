"""What scoring a reply produces. Plain data: the engine, CLI and app only read it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from simulator.model import Band

Span = tuple[int, int]
"""Half-open character offsets into the learner's original reply: text[start:end]."""


@dataclass(frozen=True, slots=True)
class CriterionResult:
    """One rubric (or focus) criterion, met or missed, with the words that met it."""

    id: str
    label: str
    weight: float
    met: bool
    evidence: tuple[Span, ...] = ()
    feedback: str = ""
    """The rubric's `met` or `missed` text, whichever applies."""
    focus: bool = False
    """True for a beat's focus criterion rather than one of the rubric's."""
    note: str = ""
    """For a met criterion with no words to point at (a length, "no question back"): what
    met it, in words, to show instead of a highlight."""


@dataclass(frozen=True, slots=True)
class FlagResult:
    """A raised flag, with the words that raised it and the rubric's tip."""

    id: str
    label: str
    penalty: float
    evidence: tuple[Span, ...]
    tip: str
    note: str = ""
    """For a flag with no words to point at: what raised it, in words."""


@dataclass(frozen=True, slots=True)
class ScoreResult:
    """A scored reply: score in 0..1, its band, and every criterion and raised flag."""

    text: str
    score: float
    band: Band
    criteria: tuple[CriterionResult, ...]
    flags: tuple[FlagResult, ...] = field(default=())
    needs_unmet: bool = False
    """The reply does not pass what the rubric's strong replies need (`strong_needs`, or one of
    `strong_needs_one_of` met), so the score cannot reach strong."""

    @property
    def met(self) -> list[str]:
        return [c.id for c in self.criteria if c.met]

    @property
    def missed(self) -> list[str]:
        return [c.id for c in self.criteria if not c.met]

    def to_work_on(self, limit: int = 2) -> list[CriterionResult]:
        """The missed criteria most worth the learner's next attempt, at most `limit`.

        A beat's focus criteria first (they are what this moment is about), then the heaviest;
        a coach names one or two things to change, not every rule that did not fire.
        """
        missed = [c for c in self.criteria if not c.met]
        ranked = sorted(missed, key=lambda c: (not c.focus, -c.weight))
        return ranked[:limit]

    @property
    def flag_ids(self) -> list[str]:
        return [f.id for f in self.flags]

    @property
    def evidence(self) -> dict[str, list[list[int]]]:
        """Spans by criterion or flag id, for everything met or raised."""
        spans: dict[str, list[list[int]]] = {}
        items: tuple[CriterionResult | FlagResult, ...] = (*self.criteria, *self.flags)
        for item in items:
            if item.evidence and (not isinstance(item, CriterionResult) or item.met):
                spans[item.id] = [list(span) for span in item.evidence]
        return spans

    def to_json(self) -> dict[str, Any]:
        """The `--jsonl` result line DESIGN.md fixes."""
        return {
            "score": round(self.score, 4),
            "band": self.band.value,
            "met": self.met,
            "missed": self.missed,
            "flags": self.flag_ids,
            "evidence": self.evidence,
        }


class ReplyError(ValueError):
    """A reply that cannot be scored (empty, or over the length limit); the message says why."""
