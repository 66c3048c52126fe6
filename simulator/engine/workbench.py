"""A whole library worked through at once (`validate`, `test`, `lint`, the trainer's screen):
each rubric compiled once, each scenario prepared once, each distinct reply scored once."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from simulator.engine.machine import build_machine, discard_machine
from simulator.engine.memo import ScoreMemo
from simulator.engine.runtime import Prepared, RubricBook, branch_conditions
from simulator.loading import Library, Loaded
from simulator.model import Criterion, Scenario
from simulator.scoring import CompiledCriteria, CompiledRubric, compile_criteria

RESULTS_PER_SCENARIO = 200
"""Room in the memo per scenario: its choices and its examples' replies, with room to spare."""

Step = Callable[[], None]
"""Called once per scenario worked through (a progress bar's advance)."""


class Workbench:
    """The shared state of one pass over a library. Sized to the library, dropped with it."""

    def __init__(
        self, library: Library, rubrics: RubricBook | None = None, *, scenarios: int | None = None
    ) -> None:
        """`scenarios`: how many will be worked through, when not the library's (sizes the
        memo)."""
        self.library = library
        self.rubrics = rubrics or RubricBook.of(library)
        count = len(library.scenarios) if scenarios is None else scenarios
        self.memo = ScoreMemo(limit=max(10_000, RESULTS_PER_SCENARIO * count))
        self._focus: dict[tuple[str, ...], CompiledCriteria] = {}

    def focus(self, criteria: Sequence[Criterion]) -> CompiledCriteria:
        """Compiled focus criteria, shared by every beat that declares the same ones."""
        key = tuple(criterion.model_dump_json() for criterion in criteria)
        found = self._focus.get(key)
        if found is None:
            found = self._focus[key] = compile_criteria(criteria)
        return found

    def prepare(self, scenario: Scenario) -> Prepared:
        """The scenario's machine and focus, scoring through the shared memo.

        Not the process-wide cache of `prepare()`: a pass meets each scenario once, so caching
        (and digesting the scenario to key the cache) would only cost time and memory.
        """
        return Prepared(
            scenario=scenario,
            digest="",
            machine=build_machine(scenario),
            focus={beat_id: self.focus(beat.focus) for beat_id, beat in scenario.beats.items()},
            memo=self.memo,
            conditions=branch_conditions(scenario),
        )

    def each(
        self, step: Step | None = None
    ) -> Iterator[tuple[Loaded[Scenario], CompiledRubric, Prepared]]:
        """Every scenario whose rubric is known, in file order, with its rubric, prepared.

        A preparation lives only while its scenario is worked on: a pass over thousands of
        scenarios holds one machine at a time.
        """
        for loaded in sorted(self.library.scenarios.values(), key=lambda item: item.path):
            found = self.take(loaded)
            if found is not None:
                yield loaded, *found
            if step is not None:
                step()

    @staticmethod
    def discard(prepared: Prepared) -> None:
        """Let go of a preparation whose scenario is done with (see `discard_machine`);
        sessions still playing it would fail."""
        discard_machine(prepared.machine)

    def take(self, loaded: Loaded[Scenario]) -> tuple[CompiledRubric, Prepared] | None:
        """The scenario's compiled rubric and its preparation; None when its rubric is unknown."""
        rubric = self.rubrics.get(loaded.model.rubric)
        return None if rubric is None else (rubric, self.prepare(loaded.model))
