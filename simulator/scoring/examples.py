"""A rubric's own examples (`examples: {match: [...], no_match: [...]}`), checked by scoring them.

Each example is scored by the whole compiled rubric, exactly as a learner's reply would be, so
the rules that judge a reply (saying little, quoted words, clause scope) judge the examples too.
A failure says which example, what was expected and what the reply did meet and raise instead.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from simulator.model.rubric import ExampleReply, Examples
from simulator.scoring.result import ReplyError, ScoreResult
from simulator.scoring.rubric import CompiledRubric

Section = Literal["criteria", "flags"]
Expectation = Literal["match", "no_match"]


@dataclass(frozen=True, slots=True)
class ExampleCheck:
    """One example scored: where it sits in the rubric, and whether it behaved as written."""

    section: Section
    index: int
    """Position of the criterion or flag in its section."""
    item_id: str
    expectation: Expectation
    number: int
    """Position of the example in its list."""
    text: str
    context: str | None
    result: ScoreResult | None
    error: str | None = None
    """Why it could not be scored (an empty reply, too long)."""

    @property
    def path(self) -> tuple[str | int, ...]:
        """Where the example is in the rubric file."""
        return (self.section, self.index, "examples", self.expectation, self.number)

    @property
    def matched(self) -> bool:
        if self.result is None:
            return False
        if self.section == "criteria":
            return self.item_id in self.result.met
        return self.item_id in self.result.flag_ids

    @property
    def passed(self) -> bool:
        return self.error is None and self.matched == (self.expectation == "match")

    def message(self) -> str:
        """The failure in a trainer's words (empty when it passed)."""
        if self.passed:
            return ""
        kind = "criterion" if self.section == "criteria" else "flag"
        verb = "meet it" if self.section == "criteria" else "raise it"
        quoted = _clip(self.text)
        if self.error is not None:
            return f"{kind} '{self.item_id}': example {quoted} cannot be scored: {self.error}"
        if self.expectation == "match":
            return f"{kind} '{self.item_id}': example {quoted} should {verb} but does not"
        return f"{kind} '{self.item_id}': example {quoted} should not {verb} but does"

    def details(self) -> list[str]:
        """What the example did meet and raise, with the words that did it."""
        result = self.result
        if result is None:
            return []
        lines = [f"score {result.score:.2f} ({result.band.value})"]
        met = [c for c in result.criteria if c.met]
        lines.append("met: " + (", ".join(
            _item(c.id, result.text, c.evidence, c.note) for c in met
        ) or "none"))
        lines.append("flags: " + (", ".join(
            _item(f.id, result.text, f.evidence, f.note) for f in result.flags
        ) or "none"))
        return lines


def _clip(text: str, limit: int = 80) -> str:
    words = " ".join(text.split())
    if len(words) > limit:
        words = words[: limit - 1].rstrip() + "…"
    return f'"{words}"'


def _item(
    item_id: str, text: str, evidence: tuple[tuple[int, int], ...], note: str
) -> str:
    if evidence:
        return item_id + " " + " ".join(_clip(text[a:b], 50) for a, b in evidence)
    return f"{item_id} ({note})" if note else item_id


def _examples(examples: Examples | None) -> Iterator[tuple[Expectation, int, str, str | None]]:
    if examples is None:
        return
    lists: tuple[tuple[Expectation, list[ExampleReply | str]], ...] = (
        ("match", examples.match), ("no_match", examples.no_match),
    )
    for expectation, items in lists:
        for number, item in enumerate(items):
            if isinstance(item, ExampleReply):
                yield expectation, number, item.reply, item.context
            else:
                yield expectation, number, item, None


def check_examples(compiled: CompiledRubric) -> list[ExampleCheck]:
    """Every example of every criterion and flag of the rubric, scored."""
    rubric = compiled.rubric
    checks: list[ExampleCheck] = []
    sections: tuple[tuple[Section, list[object]], ...] = (
        ("criteria", list(rubric.criteria)), ("flags", list(rubric.flags)),
    )
    for section, items in sections:
        for index, item in enumerate(items):
            examples = getattr(item, "examples", None)
            item_id = str(getattr(item, "id", ""))
            for expectation, number, text, context in _examples(examples):
                try:
                    result: ScoreResult | None = compiled.score(text, context=context)
                    error = None
                except ReplyError as exc:
                    result, error = None, str(exc)
                checks.append(ExampleCheck(
                    section, index, item_id, expectation, number, text, context, result, error,
                ))
    return checks
