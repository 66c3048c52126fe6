"""Endings that explain themselves: what decided the ending, and what would have reached a
better one, in plain words built from the turns the engine recorded (the branch taken, which
conditions held, the meters the conditions saw)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from simulator.engine.conditions import (
    AllMet,
    AllMissed,
    AllOf,
    AnyFlag,
    AnyOf,
    BandIs,
    Condition,
    Facts,
    MeterIn,
    NoFlags,
    Not,
    ScoreAtLeast,
    ScoreBelow,
    TurnAtLeast,
    compile_when,
)
from simulator.engine.feedback import TO_WORK_ON, points
from simulator.model import Outcome, Scenario

if TYPE_CHECKING:
    from simulator.engine.session import TurnResult

RANK = {Outcome.setback: 1, Outcome.partial: 2, Outcome.success: 3}
ENDED = {Outcome.success: "in success", Outcome.partial: "in a partial result",
         Outcome.setback: "in a setback"}


@dataclass(frozen=True, slots=True)
class Words:
    """The names a learner reads for criteria, flags and meters."""

    scenario: Scenario
    labels: Mapping[str, str]

    def item(self, item_id: str) -> str:
        return f"“{lower_first(self.labels.get(item_id, item_id))}”"

    def meter(self, name: str) -> str:
        return self.scenario.meter_label(name)


def lower_first(label: str) -> str:
    """`Names a specific observation` -> `names a specific observation`; `AI tools` stays."""
    if len(label) > 1 and label[0].isupper() and label[1].islower():
        return label[0].lower() + label[1:]
    return label


def _join(parts: Sequence[str], word: str = "and") -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + f" {word} " + parts[-1]


def _bands(condition: BandIs) -> str:
    return _join([band.value for band in condition.bands], "or")


def need(condition: Condition, words: Words) -> str:
    """What a condition asks for, as a phrase: `a strong reply`, `trust at least 2`."""
    if isinstance(condition, BandIs):
        return f"a {_bands(condition)} reply"
    if isinstance(condition, ScoreAtLeast):
        return f"a score of at least {points(condition.bound)}"
    if isinstance(condition, ScoreBelow):
        return f"a score below {points(condition.bound)}"
    if isinstance(condition, AllMet):
        return "a reply that " + _join([words.item(i) for i in condition.ids])
    if isinstance(condition, AllMissed):
        return "a reply that missed " + _join([words.item(i) for i in condition.ids])
    if isinstance(condition, AnyFlag):
        return "raising " + _join([words.item(i) for i in condition.ids], "or")
    if isinstance(condition, NoFlags):
        return "no flag raised"
    if isinstance(condition, MeterIn):
        bounds = []
        if condition.at_least is not None:
            bounds.append(f"at least {condition.at_least}")
        if condition.below is not None:
            bounds.append(f"below {condition.below}")
        return f"{words.meter(condition.meter)} {' and '.join(bounds)}"
    if isinstance(condition, TurnAtLeast):
        return f"reply {condition.turn} or later"
    if isinstance(condition, AllOf):
        return _join([need(part, words) for part in condition.parts])
    if isinstance(condition, AnyOf):
        return "either " + _join([need(part, words) for part in condition.parts], "or")
    if isinstance(condition, Not):
        return f"not {need(condition.inner, words)}"
    return condition.describe()


def unmet(condition: Condition, facts: Facts) -> list[Condition]:
    """The parts of a condition that did not hold (the whole of an `any` or a `not`)."""
    if isinstance(condition, AllOf):
        return [leaf for part in condition.parts for leaf in unmet(part, facts)]
    return [] if condition.holds(facts) else [condition]


def _missed_words(turn: TurnResult, words: Words) -> str:
    missed = turn.result.to_work_on(TO_WORK_ON)
    return _join([words.item(c.id) for c in missed])


def fact(condition: Condition, turn: TurnResult, words: Words) -> str:
    """What this reply did about a condition, as a phrase: `reply 2 was adequate`."""
    n, result = turn.number, turn.result
    if isinstance(condition, BandIs | ScoreAtLeast | ScoreBelow):
        said = f"reply {n} was {result.band.value} ({points(result.score)})"
        missed = _missed_words(turn, words)
        return f"{said}: it missed {missed}" if missed and result.band.value != "strong" \
            else said
    if isinstance(condition, AllMet):
        missing = [i for i in condition.ids if i not in result.met]
        return f"reply {n} missed " + _join([words.item(i) for i in missing or condition.ids])
    if isinstance(condition, NoFlags | Not):
        raised = [words.item(f.id) for f in result.flags]
        if raised:
            return f"reply {n} raised " + _join(raised)
    if isinstance(condition, MeterIn):
        value = turn.meters_before.get(condition.meter, 0)
        return f"{words.meter(condition.meter)} was {value}"
    return f"reply {n} did not give {need(condition, words)}"


def held(condition: Condition, turn: TurnResult, words: Words) -> str:
    """Why a condition held, as a phrase: `reply 3 was adequate and raised no flag`."""
    n, result = turn.number, turn.result
    if isinstance(condition, BandIs):
        return f"reply {n} was {result.band.value} ({points(result.score)})"
    if isinstance(condition, AnyFlag):
        raised = [words.item(i) for i in condition.ids if i in result.flag_ids]
        return f"reply {n} raised " + _join(raised, "and")
    if isinstance(condition, MeterIn):
        value = turn.meters_before.get(condition.meter, 0)
        return f"{words.meter(condition.meter)} was {value}"
    if isinstance(condition, ScoreAtLeast | ScoreBelow):
        return f"reply {n} scored {points(result.score)}"
    if isinstance(condition, AllMet):
        return f"reply {n} met " + _join([words.item(i) for i in condition.ids])
    if isinstance(condition, NoFlags):
        return f"reply {n} raised no flag"
    if isinstance(condition, AllOf):
        return _join([held(part, turn, words) for part in condition.parts])
    if isinstance(condition, AnyOf):
        facts = _facts(turn)
        return _join([held(part, turn, words) for part in condition.parts if part.holds(facts)])
    return need(condition, words).replace("a reply that", f"reply {n}", 1)


def reach(scenario: Scenario) -> dict[str, int]:
    """The best outcome rank reachable from each beat or ending, ignoring conditions."""
    best = {eid: RANK[e.outcome] for eid, e in scenario.endings.items()}
    best.update(dict.fromkeys(scenario.beats, 0))
    changed = True
    while changed:
        changed = False
        for beat_id, beat in scenario.beats.items():
            top = max(best.get(branch.to, 0) for branch in beat.next)
            if top > best[beat_id]:
                best[beat_id], changed = top, True
    if scenario.on_max_turns in best:
        for beat_id in scenario.beats:
            best[beat_id] = max(best[beat_id], best[scenario.on_max_turns])
    return best


def _facts(turn: TurnResult) -> Facts:
    return Facts(turn.result, dict(turn.meters_before), turn.number)


def _outcome_word(scenario: Scenario, node: str) -> str:
    ending = scenario.endings.get(node)
    if ending is not None:
        return f"a {ending.outcome.value} ending"
    return "moving the conversation on"


def decided(scenario: Scenario, turns: Sequence[TurnResult], words: Words) -> str | None:
    """One sentence: which reply decided the ending, and why."""
    if not turns or turns[-1].ending is None:
        return None
    last = turns[-1]
    outcome = ENDED[last.outcome] if last.outcome else ""
    if last.ran_out:
        return (f"What decided it: you used all {scenario.max_turns} replies, so the "
                f"conversation ended {outcome}.")
    beat = scenario.beats[last.replied_to]
    branch = beat.next[last.branch] if last.branch is not None else None
    if branch is None or branch.when is None:
        return (f"What decided it: reply {last.number} was {last.result.band.value} "
                f"({points(last.result.score)}) and met none of the other branches here, so the "
                f"conversation ended {outcome}.")
    why = held(compile_when(branch.when), last, words)
    # A better branch tried first and missed: say what it lacked ("but trust was 1").
    best = reach(scenario)
    taken = best.get(last.beat, 0)
    for earlier in beat.next[: last.branch]:
        if earlier.when is None or best.get(earlier.to, 0) <= taken:
            continue
        failed = unmet(compile_when(earlier.when), _facts(last))
        lacking = [fact(part, last, words) for part in failed
                   if not isinstance(part, BandIs | ScoreAtLeast | ScoreBelow)]
        if lacking:
            why += ", but " + _join(lacking)
        break
    return f"What decided it: {why}, so the conversation ended {outcome}."


def _meter_story(
    scenario: Scenario, turns: Sequence[TurnResult], meter: str, words: Words
) -> list[str]:
    """Replies that could have raised `meter` and did not, and why."""
    reasons: list[str] = []
    for turn in turns:
        if turn.meter_changes.get(meter, 0) > 0:
            continue
        beat = scenario.beats[turn.replied_to]
        raising = [b for b in beat.next if b.effects.get(meter, 0) > 0 and b.when is not None]
        for branch in raising[:1]:
            assert branch.when is not None
            failed = unmet(compile_when(branch.when), _facts(turn))
            reasons += [fact(part, turn, words) for part in failed if not isinstance(part,
                                                                                      MeterIn)]
    return reasons


def better(scenario: Scenario, turns: Sequence[TurnResult], words: Words) -> tuple[str, ...]:
    """What would have reached a better ending, at the reply where it slipped away."""
    if not turns or turns[-1].outcome in (None, Outcome.success):
        return ()
    last = turns[-1]
    assert last.outcome is not None
    reached = RANK[last.outcome]
    best = reach(scenario)
    for turn in reversed(turns):
        beat = scenario.beats[turn.replied_to]
        taken = best.get(turn.beat, 0) if not turn.ran_out else reached
        options = [
            (best.get(branch.to, 0), index) for index, branch in enumerate(beat.next)
            if index != turn.branch and branch.when is not None
            and best.get(branch.to, 0) > max(taken, reached if turn is last else 0)
        ]
        if not options:
            continue
        top = max(rank for rank, _ in options)
        index = next(i for rank, i in options if rank == top)
        branch = beat.next[index]
        assert branch.when is not None
        failed = unmet(compile_when(branch.when), _facts(turn))
        if not failed:
            continue  # an earlier branch won over it: the order, not the reply, decided
        target = _outcome_word(scenario, branch.to)
        head = f"{target[0].upper()}{target[1:]} needed {need(compile_when(branch.when), words)}"
        said = []
        for part in failed:
            if isinstance(part, MeterIn) and part.at_least is not None:
                value = turn.meters_before.get(part.meter, 0)
                story = _meter_story(scenario, turns[: turns.index(turn)], part.meter, words)
                because = f", because {_join(story)}" if story else ""
                said.append(f"you reached {value}{because}")
            else:
                said.append(fact(part, turn, words))
        return (f"{head}; {'; '.join(dict.fromkeys(said))}.",)
    return ()
