"""What a scenario needs before anyone plays it, prepared once and shared: its machine, each
beat's compiled focus criteria, and the library's compiled rubrics."""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from dataclasses import dataclass, field

from transitions import Machine

from simulator.engine.conditions import Condition, compile_when
from simulator.engine.machine import build_machine
from simulator.engine.memo import ScoreMemo
from simulator.loading import Library
from simulator.model import Rubric, Scenario
from simulator.scoring import CompiledCriteria, CompiledRubric, ScoreResult, compile_criteria

CACHE_SIZE = 256
"""Prepared scenarios kept for reuse; a library of thousands must not pin them all."""


@dataclass(frozen=True, slots=True)
class Prepared:
    """A scenario with its shared machine and its beats' compiled focus criteria."""

    scenario: Scenario
    digest: str
    machine: Machine
    focus: dict[str, CompiledCriteria]
    memo: ScoreMemo | None = None
    """Set when a batch (validate, test, lint) shares results across its scenarios."""
    conditions: dict[str, tuple[Condition | None, ...]] = field(default_factory=dict)
    """Each beat's `next` entries' compiled `when` (None: the fallback), for a turn's checks;
    see `branch_conditions`."""

    def score(
        self, rubric: CompiledRubric, beat_id: str, text: str, context: str | None
    ) -> ScoreResult:
        """The reply scored against the rubric plus this beat's focus; may raise ReplyError."""
        if self.memo is not None:
            return self.memo.score(rubric, self.focus[beat_id], text, context)
        return rubric.score(text, focus=self.focus[beat_id], context=context)


def branch_conditions(scenario: Scenario) -> dict[str, tuple[Condition | None, ...]]:
    """Each beat's `next` entries' `when`, compiled once rather than at every reply."""
    return {
        beat_id: tuple(None if b.when is None else compile_when(b.when) for b in beat.next)
        for beat_id, beat in scenario.beats.items()
    }


def scenario_digest(scenario: Scenario) -> str:
    """Identifies the scenario's content, so an edited file never reuses a stale machine."""
    return hashlib.blake2b(scenario.model_dump_json().encode(), digest_size=16).hexdigest()


_prepared: OrderedDict[tuple[str, str], Prepared] = OrderedDict()


def prepare(scenario: Scenario) -> Prepared:
    """The cached preparation for this scenario's id and content, built on first use."""
    digest = scenario_digest(scenario)
    key = (scenario.id, digest)
    found = _prepared.get(key)
    if found is not None:
        _prepared.move_to_end(key)
        return found
    found = _prepared[key] = Prepared(
        scenario=scenario,
        digest=digest,
        machine=build_machine(scenario),
        focus={beat_id: compile_criteria(beat.focus) for beat_id, beat in scenario.beats.items()},
        conditions=branch_conditions(scenario),
    )
    while len(_prepared) > CACHE_SIZE:
        # Sessions keep their own reference, so evicting one in use is harmless.
        _prepared.popitem(last=False)
    return found


def clear_cache() -> None:
    _prepared.clear()


@dataclass(slots=True)
class RubricBook:
    """Compiles a library's rubrics on first use, once each."""

    rubrics: dict[str, Rubric]
    _compiled: dict[str, CompiledRubric] = field(default_factory=dict)

    @classmethod
    def of(cls, library: Library) -> RubricBook:
        return cls(library.rubric_models())

    def get(self, rubric_id: str) -> CompiledRubric | None:
        compiled = self._compiled.get(rubric_id)
        if compiled is None and rubric_id in self.rubrics:
            compiled = self._compiled[rubric_id] = CompiledRubric.compile(self.rubrics[rubric_id])
        return compiled
