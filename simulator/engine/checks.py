"""The engine's share of `upward validate`: checks that need scenarios to be played."""

from __future__ import annotations

import gc

from simulator.engine.lint import choice_problems, score_choices
from simulator.engine.replay import replay_scenario, run_problems
from simulator.engine.workbench import Step, Workbench
from simulator.loading import Library, Loaded, Problem
from simulator.model import Scenario


def validation_problems(library: Library, step: Step | None = None) -> list[Problem]:
    """Errors for examples that cannot be replayed or miss; warnings for single-band choices.

    One pass: each scenario prepared once, its choices and its examples scored through one
    memo, so a choice an example picks is scored once. `step` runs after each scenario.
    """
    bench = Workbench(library)
    problems: list[Problem] = []
    for loaded, _, _ in bench.each(step):
        problems += _scenario_problems(bench, loaded)
    return sorted(problems)


COLLECT_EVERY = 100
"""Scenarios checked between two collections of any reference cycles their checks leave."""


class ValidationChecks:
    """`validation_problems` one scenario at a time, for `load_files(check=...)`: each
    scenario is checked as it loads, then let go, so validating thousands holds one at a time.

    `scenarios`: about how many will come (it sizes the shared memo). The workbench is made
    at the first scenario, when the library's rubrics are all loaded.
    """

    def __init__(self, scenarios: int = 0) -> None:
        self.scenarios = scenarios
        self.checked = 0
        self.bench: Workbench | None = None

    def __call__(self, library: Library, loaded: Loaded[Scenario]) -> list[Problem]:
        if self.bench is None:
            self.bench = Workbench(library, scenarios=self.scenarios)
        problems = _scenario_problems(self.bench, loaded)
        # Loading runs with the cycle collector paused. The checks' machines and sessions are
        # let go of without cycles (`Workbench.discard`, `Session.release`); now and then the
        # youngest generation goes too, should anything else have made one.
        self.checked += 1
        if self.checked % COLLECT_EVERY == 0:
            gc.collect(0)
        return problems


def _scenario_problems(bench: Workbench, loaded: Loaded[Scenario]) -> list[Problem]:
    found = bench.take(loaded)
    if found is None:
        return []
    rubric, prepared = found
    problems = [
        *run_problems(loaded, replay_scenario(loaded, bench.rubrics, prepared)),
        *choice_problems(loaded, score_choices(prepared, rubric)),
    ]
    bench.discard(prepared)
    return problems
