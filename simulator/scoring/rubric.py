"""Compiled rubrics: a reply scored against weighted criteria and penalising flags.

    compiled = CompiledRubric.compile(rubric)          # once per rubric
    focus = compile_criteria(beat.focus)               # once per beat (cached by identity)
    result = compiled.score(text, focus=focus)         # per reply: deterministic, thread-safe

Score = met criterion weight / total weight (or the rubric's `out_of`) - raised flag penalties,
clamped to 0..1; a beat's focus criteria join the rubric's for that turn, weight and all.

Two rules keep saying little from earning much: a reply of `short_reply_words` words or fewer
(4 by default) never scores above adequate, and a criterion is not met by a bare keyword (a
reply of one or two words that are nothing but the matched words: "Problem.", "Fair point.").
`short_reply_words: 0` turns both off.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Final

from simulator.model import Band, Criterion, Flag, Lexicons, Rubric
from simulator.model.detectors import AllDetector, Detector, MetDetector
from simulator.model.rubric import flag_order
from simulator.scoring.describe import describe
from simulator.scoring.detectors import Compiled, DetectorSet, Scan, merge_spans
from simulator.scoring.quotes import outside_quotes, quoted_regions
from simulator.scoring.result import CriterionResult, FlagResult, ReplyError, ScoreResult
from simulator.scoring.text import Reply

MAX_REPLY_CHARS: Final = 5_000
"""Longer replies are refused: a conversation turn, not an essay (and a bound on the work)."""

SCORE_DIGITS: Final = 9
"""Scores are sums of float weights; rounding keeps 0.7 from landing at 0.6999999 on a band."""

_CACHE_SIZE: Final = 256

BARE_WORDS: Final = 2
"""A reply this short that is nothing but a criterion's matched words does not meet it."""

SHORT_REPLY_MARGIN: Final = 0.01
"""How far below `strong` a short reply's score is held."""


def held_under_strong(adequate: float, strong: float) -> float:
    """Where a reply that may not be strong (short, or with a capping flag) is held: just under
    the strong cut-off, or at adequate when they are that close."""
    return max(adequate, round(strong - SHORT_REPLY_MARGIN, SCORE_DIGITS))


def held_under_adequate(adequate: float) -> float:
    """Where a reply a repeated flag makes weak is held: just under the adequate cut-off."""
    return max(0.0, round(adequate - SHORT_REPLY_MARGIN, SCORE_DIGITS))


def strong_needs(rubric: Rubric) -> Detector | None:
    """What a strong reply must pass: `strong_needs`, and one of `strong_needs_one_of` met
    (its shorthand), together."""
    parts: list[Detector] = []
    if rubric.strong_needs_one_of:
        parts.append(MetDetector(met=rubric.strong_needs_one_of))
    if rubric.strong_needs is not None:
        parts.append(rubric.strong_needs)
    return None if not parts else parts[0] if len(parts) == 1 else AllDetector(all=parts)


def lift_ceiling(adequate: float, strong: float) -> float:
    """Up to where a lifting criterion moves a flag-free reply's score: the middle of the
    adequate band."""
    return (adequate + strong) / 2


def lifted_to_adequate(value: float, adequate: float, strong: float) -> float:
    """Where a flag-free reply with a lifting criterion met goes, given its own score: [0,
    ceiling) is stretched onto [adequate, ceiling), so a weak score becomes adequate and the
    map stays increasing and continuous. Lifting only the weak scores would not: a lifted 0.39
    would pass an unlifted 0.42 that meets one more criterion. At or above the ceiling a
    score is left as it is."""
    ceiling = lift_ceiling(adequate, strong)
    if value >= ceiling:
        return value
    return round(adequate + (ceiling - adequate) * value / ceiling, SCORE_DIGITS)


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


_HEARD_SIZE: Final = 64
_heard_lines: dict[str, Reply] = {}


def _heard(context: str) -> Reply:
    """The counterpart's line, read once: every reply to one line of a beat answers the same
    line. A `Reply` depends on its text alone (its memo too), so one can serve every reply."""
    reply = _heard_lines.get(context)
    if reply is None:
        reply = Reply(context)
        if len(context) <= MAX_REPLY_CHARS:
            with _cache_lock:
                if len(_heard_lines) >= _HEARD_SIZE:
                    del _heard_lines[next(iter(_heard_lines))]
                _heard_lines[context] = reply
    return reply


class _Judge:
    """One criterion's detector and its two possible results, built once at compile time."""

    __slots__ = ("criterion", "detector", "focus", "met_feedback", "missed", "note")

    def __init__(self, criterion: Criterion, detector: Compiled, *, focus: bool) -> None:
        self.criterion = criterion
        self.detector = detector
        self.focus = focus
        feedback = criterion.feedback
        self.met_feedback = "" if feedback is None else feedback.met
        self.note = criterion.note or describe(criterion.detect)
        # A missed criterion always reads the same, so it is made once and shared (it is frozen).
        self.missed = CriterionResult(
            id=criterion.id, label=criterion.label, weight=criterion.weight, met=False,
            feedback="" if feedback is None else feedback.missed, focus=focus,
        )

    def judge(self, scan: Scan, bare_words: int = BARE_WORDS) -> CriterionResult:
        found = self.detector.evaluate(scan)
        if found is None:
            return self.missed
        reply = scan.reply
        if found and reply.words <= bare_words and _covers(found, reply):
            return self.missed
        criterion = self.criterion
        evidence = merge_spans(found)
        return CriterionResult(
            id=criterion.id, label=criterion.label, weight=criterion.weight, met=True,
            evidence=evidence, feedback=self.met_feedback, focus=self.focus,
            note="" if evidence else self.note,
        )


def _covers(spans: tuple[tuple[int, int], ...], reply: Reply) -> bool:
    """Every word of the reply lies inside the spans."""
    return all(
        any(a <= start and end <= b for a, b in spans)
        for start, end in zip(reply.starts, reply.ends, strict=True)
    )


class CompiledCriteria:
    """Criteria compiled once, such as a beat's `focus`; immutable and safe to share."""

    __slots__ = ("_detectors", "_judges", "criteria", "lexicons", "needs_context")

    def __init__(
        self, criteria: Sequence[Criterion], *, focus: bool = True,
        lexicons: Lexicons | None = None,
    ) -> None:
        detectors = DetectorSet(lexicons)
        self.lexicons = lexicons
        self.criteria: tuple[Criterion, ...] = tuple(criteria)
        self._judges = tuple(
            _Judge(c, detectors.compile(c.detect), focus=focus) for c in self.criteria
        )
        self._detectors = detectors.build()
        self.needs_context = detectors.needs_context

    def __len__(self) -> int:
        return len(self.criteria)

    def evaluate(
        self, reply: Reply, context: Reply | None = None, bare_words: int = BARE_WORDS
    ) -> list[CriterionResult]:
        if not self._judges:
            return []
        scan = self._detectors.scan(reply, context)
        return [judge.judge(scan, bare_words) for judge in self._judges]


_cache: dict[tuple[int, ...], CompiledCriteria] = {}
_cache_lock = threading.Lock()


def compile_criteria(
    criteria: Sequence[Criterion], lexicons: Lexicons | None = None
) -> CompiledCriteria:
    """Compile a list of criteria; the same list objects give back the same compiled value.

    `lexicons` are the word lists `@name` may use (a beat's focus borrows its rubric's)."""
    key = (*map(id, criteria), id(lexicons))
    with _cache_lock:
        cached = _cache.get(key)
    # The cache holds the criteria themselves, so their ids cannot be reused while cached;
    # the identity check is a second guard that costs nothing.
    if cached is not None and cached.lexicons is lexicons \
            and all(a is b for a, b in zip(cached.criteria, criteria, strict=True)):
        return cached
    compiled = CompiledCriteria(criteria, lexicons=lexicons)
    with _cache_lock:
        if len(_cache) >= _CACHE_SIZE:
            del _cache[next(iter(_cache))]
        _cache[key] = compiled
    return compiled


class CompiledRubric:
    """A rubric compiled once: its phrases in one table, its regexes in one RE2 set."""

    __slots__ = ("_capping", "_flag_order", "_flags", "_judges", "_lift_ceiling", "_lifting",
                 "_needed", "_shared", "_strong_needs", "_total", "_weak_at", "rubric")

    def __init__(self, rubric: Rubric) -> None:
        self.rubric = rubric
        # Criteria and flags share one detector set: one phrase pass, one pattern search, one
        # regex search.
        detectors = DetectorSet(rubric.lexicons)
        self._judges = tuple(
            _Judge(c, detectors.compile(c.detect), focus=False) for c in rubric.criteria
        )
        self._flags: tuple[tuple[Flag, Compiled, str], ...] = tuple(
            (f, detectors.compile(f.detect), f.note or describe(f.detect)) for f in rubric.flags
        )
        needs = strong_needs(rubric)
        self._strong_needs = None if needs is None else detectors.compile(needs)
        self._flag_order = flag_order(rubric.flags)
        self._shared = detectors.build()
        self._total = rubric.out_of or sum(c.weight for c in rubric.criteria)
        self._capping = frozenset(f.id for f in rubric.flags if f.caps)
        self._weak_at = {f.id: f.weak_at for f in rubric.flags if f.weak_at}
        self._lifting = frozenset(c.id for c in rubric.criteria if c.lifts)
        self._lift_ceiling = lift_ceiling(rubric.bands.adequate, rubric.bands.strong)
        self._needed = frozenset(c.id for c in rubric.criteria if c.needed_for)

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
        """Score one reply; `context` is what the counterpart just said (for `overlap` and
        on/off-topic questions, which never match without it).

        Raises `ReplyError` for an empty reply or one over `MAX_REPLY_CHARS` characters.
        """
        reply = read_reply(text)
        wanted = self._shared.needs_context or (
            isinstance(focus, CompiledCriteria) and focus.needs_context
        ) or (focus is not None and not isinstance(focus, CompiledCriteria) and len(focus) > 0)
        heard = _heard(context) if wanted and context and context.strip() else None
        scan = self._shared.scan(reply, heard)
        bare = min(BARE_WORDS, self.rubric.short_reply_words)
        criteria = []
        outcomes = scan.outcomes
        for judge in self._judges:
            # Recorded as judged, so `met` in a later criterion or a flag can use it.
            result = judge.judge(scan, bare)
            if result.met:
                outcomes[result.id] = result.evidence
            criteria.append(result)
        total = self._total
        if focus is not None and len(focus):
            compiled = focus if isinstance(focus, CompiledCriteria) \
                else compile_criteria(focus, self.rubric.lexicons)
            extra = compiled.evaluate(reply, heard, bare)
            total += sum(c.weight for c in extra)
            criteria += extra
        raised: dict[int, FlagResult] = {}
        quoted: list[tuple[int, int]] | None = None  # found only once a flag has evidence
        for index in self._flag_order:
            flag, detector, note = self._flags[index]
            found = detector.evaluate(scan)
            if found and quoted is None:
                quoted = quoted_regions(text)
            if found and quoted:
                found = outside_quotes(tuple(found), quoted) or None
            if found is not None:
                evidence = merge_spans(found)
                outcomes[flag.id] = evidence
                raised[index] = FlagResult(
                    id=flag.id, label=flag.label, penalty=flag.penalty,
                    evidence=evidence, tip=flag.feedback, note="" if evidence else note,
                )
        flags = [raised[i] for i in sorted(raised)]
        met = sum(c.weight for c in criteria if c.met)
        raw = min(1.0, met / total) - sum(f.penalty for f in flags)
        score = round(min(1.0, max(0.0, raw)), SCORE_DIGITS)
        bands = self.rubric.bands
        unmet = self._strong_needs is not None and self._strong_needs.evaluate(scan) is None
        capped = unmet or any(f.id in self._capping for f in flags) or any(
            not c.met and c.id in self._needed for c in criteria
        )
        held = held_under_strong(bands.adequate, bands.strong)
        if score > held and (capped or reply.words <= self.rubric.short_reply_words):
            # Saying little, a slip whose flag caps the band, or missing what strong needs never
            # earns strong: the score is held just under it (or at adequate), so the number and
            # the band agree. Anything above the hold comes down to it, not only a strong score,
            # or a capped 0.695 would outrank a capped reply that met one more criterion.
            score = held
        elif score < self._lift_ceiling and not flags and any(
            c.met and c.id in self._lifting for c in criteria
        ):
            # A polite reply with no slip is shallow at worst, never weak (LABELS.md).
            score = lifted_to_adequate(score, bands.adequate, bands.strong)
        if self._weak_at and any(
            len(f.evidence) >= self._weak_at[f.id] for f in flags if f.id in self._weak_at
        ):
            # The behaviour repeated is the reply (two blaming remarks): weak, whatever the
            # point around it earned.
            score = min(score, held_under_adequate(bands.adequate))
        return ScoreResult(text, score, self.band(score), tuple(criteria), tuple(flags), unmet)

    def band(self, score: float) -> Band:
        bands = self.rubric.bands
        if score >= bands.strong:
            return Band.strong
        if score >= bands.adequate:
            return Band.adequate
        return Band.weak
