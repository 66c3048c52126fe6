"""Scoring each distinct reply once across a batch: examples, choices and replays.

Checking a library scores the same replies again and again: a beat's choices are scored for the
band warnings, then again by every example that picks them, in every scenario that shares them.
Scoring is deterministic, so one result per (rubric, beat focus, text, context) serves them all.
"""

from __future__ import annotations

from simulator.scoring import CompiledCriteria, CompiledRubric, ReplyError, ScoreResult

_Key = tuple[int, int, str, str | None]


class ScoreMemo:
    """Results by (rubric, focus, text, context); a refusal is remembered as its message.

    `limit` bounds the entries (the oldest go first): size it to the batch, not a guess.
    """

    __slots__ = ("_keep", "_results", "hits", "limit")

    def __init__(self, limit: int = 100_000) -> None:
        self.limit = limit
        self.hits = 0
        self._results: dict[_Key, ScoreResult | str] = {}
        # Compiled rubrics and focus criteria are keyed by identity, so the memo holds them:
        # an id can only be reused once its object is gone.
        self._keep: dict[int, CompiledRubric | CompiledCriteria] = {}

    def __len__(self) -> int:
        return len(self._results)

    def score(
        self, rubric: CompiledRubric, focus: CompiledCriteria, text: str, context: str | None
    ) -> ScoreResult:
        """`rubric.score(text, focus=focus, context=context)`, once per distinct key."""
        key = (id(rubric), id(focus), text, context)
        found = self._results.get(key)
        if found is None:
            self._keep.setdefault(id(rubric), rubric)
            self._keep.setdefault(id(focus), focus)
            try:
                found = rubric.score(text, focus=focus, context=context)
            except ReplyError as exc:
                found = str(exc)
            if len(self._results) >= self.limit:
                del self._results[next(iter(self._results))]
            self._results[key] = found
        else:
            self.hits += 1
        if isinstance(found, str):
            raise ReplyError(found)
        return found
