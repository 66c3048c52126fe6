"""Compiled rubrics: a reply scored against weighted criteria and penalising flags.

    compiled = CompiledRubric.compile(rubric)          # once per rubric
    focus = compile_criteria(beat.focus)               # once per beat (cached by identity)
    result = compiled.score(text, focus=focus)         # per reply: deterministic, thread-safe

Score = met criterion weight / total weight - raised flag penalties, clamped to 0..1; a beat's
focus criteria join the rubric's for that turn, weight and all.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Final

from simulator.model import Band, Criterion, Flag, Rubric
from simulator.scoring.detectors import Compiled, DetectorSet, Scan, merge_spans
from simulator.scoring.quotes import outside_quotes, quoted_regions
from simulator.scoring.result import CriterionResult, FlagResult, ReplyError, ScoreResult
from simulator.scoring.text import Reply

MAX_REPLY_CHARS: Final = 5_000
"""Longer replies are refused: a conversation turn, not an essay (and a bound on the work)."""

SCORE_DIGITS: Final = 9
"""Scores are sums of float weights; rounding keeps 0.7 from landing at 0.6999999 on a band."""

_CACHE_SIZE: Final = 256


def read_reply(text: str) -> Reply:
    """The reply read once, or a `ReplyError` saying why it cannot be scored."""
    if len(text) > MAX_REPLY_CHARS:
        raise ReplyError(
            f"Your reply is {len(text):,} characters; keep it under {MAX_REPLY_CHARS:,}."
        )
    if not text.strip():
        raise ReplyError("Your reply is empty; say something to them first.")
    reply = Reply(text)
    if not reply.norms:
        raise ReplyError("Your reply has no words in it; say something to them first.")
    return reply


class _Judge:
    """One criterion's detector and its two possible results, built once at compile time."""

    __slots__ = ("criterion", "detector", "focus", "met_feedback", "missed")

    def __init__(self, criterion: Criterion, detector: Compiled, *, focus: bool) -> None:
        self.criterion = criterion
        self.detector = detector
        self.focus = focus
        feedback = criterion.feedback
        self.met_feedback = "" if feedback is None else feedback.met
        # A missed criterion always reads the same, so it is made once and shared (it is frozen).
        self.missed = CriterionResult(
            id=criterion.id, label=criterion.label, weight=criterion.weight, met=False,
            feedback="" if feedback is None else feedback.missed, focus=focus,
        )

    def judge(self, scan: Scan) -> CriterionResult:
        found = self.detector.evaluate(scan)
        if found is None:
            return self.missed
        criterion = self.criterion
        return CriterionResult(
            id=criterion.id, label=criterion.label, weight=criterion.weight, met=True,
            evidence=merge_spans(found), feedback=self.met_feedback, focus=self.focus,
        )


class CompiledCriteria:
    """Criteria compiled once, such as a beat's `focus`; immutable and safe to share."""

    __slots__ = ("_detectors", "_judges", "criteria")

    def __init__(self, criteria: Sequence[Criterion], *, focus: bool = True) -> None:
        detectors = DetectorSet()
        self.criteria: tuple[Criterion, ...] = tuple(criteria)
        self._judges = tuple(
            _Judge(c, detectors.compile(c.detect), focus=focus) for c in self.criteria
        )
        self._detectors = detectors.build()

    def __len__(self) -> int:
        return len(self.criteria)

    def evaluate(self, reply: Reply) -> list[CriterionResult]:
        if not self._judges:
            return []
        scan = self._detectors.scan(reply)
        return [judge.judge(scan) for judge in self._judges]


_cache: dict[tuple[int, ...], CompiledCriteria] = {}
_cache_lock = threading.Lock()


def compile_criteria(criteria: Sequence[Criterion]) -> CompiledCriteria:
    """Compile a list of criteria; the same list objects give back the same compiled value."""
    key = tuple(map(id, criteria))
    with _cache_lock:
        cached = _cache.get(key)
    # The cache holds the criteria themselves, so their ids cannot be reused while cached;
    # the identity check is a second guard that costs nothing.
    if cached is not None and all(a is b for a, b in zip(cached.criteria, criteria, strict=True)):
        return cached
    compiled = CompiledCriteria(criteria)
    with _cache_lock:
        if len(_cache) >= _CACHE_SIZE:
            del _cache[next(iter(_cache))]
        _cache[key] = compiled
    return compiled


class CompiledRubric:
    """A rubric compiled once: its phrases in one table, its regexes in one RE2 set."""

    __slots__ = ("_flags", "_judges", "_shared", "rubric")

    def __init__(self, rubric: Rubric) -> None:
        self.rubric = rubric
        # Criteria and flags share one detector set: one phrase pass, one regex search.
        detectors = DetectorSet()
        self._judges = tuple(
            _Judge(c, detectors.compile(c.detect), focus=False) for c in rubric.criteria
        )
        self._flags: tuple[tuple[Flag, Compiled], ...] = tuple(
            (f, detectors.compile(f.detect)) for f in rubric.flags
        )
        self._shared = detectors.build()

    @classmethod
    def compile(cls, rubric: Rubric) -> CompiledRubric:
        return cls(rubric)

    def score(
        self,
        text: str,
        *,
        focus: CompiledCriteria | Sequence[Criterion] | None = None,
        context: str | None = None,
    ) -> ScoreResult:
        """Score one reply. `context` (what the counterpart just said) is not used yet.

        Raises `ReplyError` for an empty reply or one over `MAX_REPLY_CHARS` characters.
        """
        del context  # accepted now so callers need not change when scoring starts using it
        reply = read_reply(text)
        scan = self._shared.scan(reply)
        criteria = [judge.judge(scan) for judge in self._judges]
        if focus is not None and len(focus):
            compiled = focus if isinstance(focus, CompiledCriteria) else compile_criteria(focus)
            criteria += compiled.evaluate(reply)
        flags = []
        quoted = quoted_regions(text)
        for flag, detector in self._flags:
            found = detector.evaluate(scan)
            if found and quoted:
                found = outside_quotes(tuple(found), quoted) or None
            if found is not None:
                flags.append(FlagResult(
                    id=flag.id, label=flag.label, penalty=flag.penalty,
                    evidence=merge_spans(found), tip=flag.feedback,
                ))
        total = sum(c.weight for c in criteria)
        met = sum(c.weight for c in criteria if c.met)
        raw = met / total - sum(f.penalty for f in flags)
        score = round(min(1.0, max(0.0, raw)), SCORE_DIGITS)
        return ScoreResult(text, score, self.band(score), tuple(criteria), tuple(flags))

    def band(self, score: float) -> Band:
        bands = self.rubric.bands
        if score >= bands.strong:
            return Band.strong
        if score >= bands.adequate:
            return Band.adequate
        return Band.weak
