"""The debrief: what a run added up to, built from its turns alone."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from simulator.engine.conditions import Facts, compile_when
from simulator.engine.explain import Words, better, decided
from simulator.model import DebriefPart, Ending, Outcome, RunWhen, Scenario
from simulator.scoring.result import ScoreResult

if TYPE_CHECKING:
    from simulator.engine.session import TurnResult


@dataclass(frozen=True, slots=True)
class CriterionSummary:
    """How often a criterion was met over the turns that scored it."""

    id: str
    label: str
    focus: bool
    """A beat's focus criterion, scored only at that beat."""
    met: int
    turns: int
    """Turns that scored this criterion (every turn for a rubric criterion)."""
    per_turn: tuple[bool | None, ...]
    """Met or missed for each turn of the run; None where the criterion was not scored."""
    feedback: str
    """The last missed feedback when it was ever missed, else the met feedback."""


@dataclass(frozen=True, slots=True)
class FlagSummary:
    """A flag raised during the run, how often, on which turns, and the tip."""

    id: str
    label: str
    count: int
    turns: tuple[int, ...]
    tip: str


@dataclass(frozen=True, slots=True)
class Alternative:
    """A suggested choice that would have scored higher than what the learner said."""

    turn: int
    beat: str
    choice: int
    """0-based index into the beat's choices, in the trainer's order."""
    number: int
    """The 1-based number the learner saw it under (suggestions may be shuffled)."""
    text: str
    result: ScoreResult
    yours: ScoreResult


@dataclass(frozen=True, slots=True)
class Debrief:
    scenario: str
    title: str
    path: tuple[str, ...]
    turns: int
    finished: bool
    ending: str | None
    outcome: Outcome | None
    text: str | None
    """The ending's debrief (Markdown) with only the parts whose `when` held over the run, or
    None while the run is unfinished."""
    decided: str | None
    """What decided the ending, in plain words (None while unfinished)."""
    better: tuple[str, ...]
    """What would have reached a better ending, in plain words (empty after a success)."""
    ran_out: bool
    """The ending was reached because `max_turns` was used up."""
    meters: dict[str, int]
    meter_labels: dict[str, int]
    """The meters under the labels the learner read."""
    mean_score: float | None
    criteria: tuple[CriterionSummary, ...]
    flags: tuple[FlagSummary, ...]
    alternatives: tuple[Alternative, ...]


def _criteria(turns: Sequence[TurnResult]) -> tuple[CriterionSummary, ...]:
    order: dict[str, tuple[str, bool]] = {}
    for turn in turns:
        for item in turn.result.criteria:
            order.setdefault(item.id, (item.label, item.focus))
    summaries = []
    for cid, (label, focus) in order.items():
        per_turn: list[bool | None] = []
        feedback_met = feedback_missed = ""
        for turn in turns:
            found = next((c for c in turn.result.criteria if c.id == cid), None)
            per_turn.append(None if found is None else found.met)
            if found is not None and found.feedback:
                if found.met:
                    feedback_met = found.feedback
                else:
                    feedback_missed = found.feedback
        scored = [m for m in per_turn if m is not None]
        summaries.append(CriterionSummary(
            id=cid, label=label, focus=focus, met=sum(scored), turns=len(scored),
            per_turn=tuple(per_turn), feedback=feedback_missed or feedback_met,
        ))
    return tuple(summaries)


def _flags(turns: Sequence[TurnResult]) -> tuple[FlagSummary, ...]:
    seen: dict[str, tuple[str, str, list[int]]] = {}
    for turn in turns:
        for flag in turn.result.flags:
            numbers = seen.setdefault(flag.id, (flag.label, flag.tip, []))[2]
            if turn.number not in numbers:
                numbers.append(turn.number)
    return tuple(
        FlagSummary(id=fid, label=label, count=len(numbers), turns=tuple(numbers), tip=tip)
        for fid, (label, tip, numbers) in seen.items()
    )


def _alternatives(
    scenario: Scenario,
    turns: Sequence[TurnResult],
    score_choices: Callable[[TurnResult], list[ScoreResult]],
    shown: Callable[[str, int], int],
) -> tuple[Alternative, ...]:
    found = []
    for turn in turns:
        scored = score_choices(turn)
        if not scored:
            continue
        # max() keeps the first of equal scores: the trainer's order breaks ties.
        best = max(range(len(scored)), key=lambda i: scored[i].score)
        if scored[best].score > turn.result.score:
            found.append(Alternative(
                turn=turn.number, beat=turn.replied_to, choice=best,
                number=shown(turn.replied_to, best),
                text=scenario.beats[turn.replied_to].choices[best],
                result=scored[best], yours=turn.result,
            ))
    return tuple(found)


def run_holds(when: RunWhen, turns: Sequence[TurnResult]) -> bool:
    """Whether a debrief part's condition held over the whole run."""
    met = {cid for turn in turns for cid in turn.result.met}
    raised = {fid for turn in turns for fid in turn.result.flag_ids}
    if when.met is not None and not all(cid in met for cid in when.met):
        return False
    if when.never_met is not None and any(cid in met for cid in when.never_met):
        return False
    if when.flags_any is not None and not any(fid in raised for fid in when.flags_any):
        return False
    if when.not_flags is not None and any(fid in raised for fid in when.not_flags):
        return False
    if when.last is not None:
        if not turns:
            return False
        last = turns[-1]
        facts = Facts(last.result, dict(last.meters_before), last.number)
        if not compile_when(when.last).holds(facts):
            return False
    return not (when.no_flags and raised)


def debrief_text(ending: Ending, turns: Sequence[TurnResult]) -> str:
    """The ending's debrief with the parts that fit this run: advice is news, never a repeat."""
    if isinstance(ending.debrief, str):
        return ending.debrief
    shown = [
        part.strip() if isinstance(part, str) else part.text.strip()
        for part in ending.debrief
        if not isinstance(part, DebriefPart) or run_holds(part.when, turns)
    ]
    return "\n\n".join(shown) + "\n"


def _words(scenario: Scenario, turns: Sequence[TurnResult]) -> Words:
    labels = {c.id: c.label for turn in turns for c in turn.result.criteria}
    labels.update({f.id: f.label for turn in turns for f in turn.result.flags})
    return Words(scenario, labels)


def _trainer_order(beat_id: str, index: int) -> int:
    return index + 1


def build_debrief(
    scenario: Scenario,
    turns: Sequence[TurnResult],
    score_choices: Callable[[TurnResult], list[ScoreResult]],
    shown: Callable[[str, int], int] = _trainer_order,
) -> Debrief:
    last = turns[-1] if turns else None
    ending_id = last.ending if last is not None else None
    ending = scenario.endings[ending_id] if ending_id is not None else None
    words = _words(scenario, turns)
    meters = dict(last.meters) if last is not None else scenario.starting_meters
    return Debrief(
        scenario=scenario.id,
        title=scenario.title,
        path=(scenario.start, *(turn.beat for turn in turns)),
        turns=len(turns),
        finished=ending is not None,
        ending=ending_id,
        outcome=ending.outcome if ending is not None else None,
        text=debrief_text(ending, turns) if ending is not None else None,
        decided=decided(scenario, turns, words),
        better=better(scenario, turns, words),
        ran_out=bool(last and last.ran_out),
        meters=meters,
        meter_labels={scenario.meter_label(k): v for k, v in meters.items()},
        mean_score=sum(t.result.score for t in turns) / len(turns) if turns else None,
        criteria=_criteria(turns),
        flags=_flags(turns),
        alternatives=_alternatives(scenario, turns, score_choices, shown),
    )
