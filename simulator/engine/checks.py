"""The engine's share of `upward validate`: checks that need scenarios to be played."""

from __future__ import annotations

from simulator.engine.lint import choice_problems, score_choices
from simulator.engine.replay import replay_scenario, run_problems
from simulator.engine.workbench import Step, Workbench
from simulator.loading import Library, Problem


def validation_problems(library: Library, step: Step | None = None) -> list[Problem]:
    """Errors for examples that cannot be replayed or miss; warnings for single-band choices.

    One pass: each scenario prepared once, its choices and its examples scored through one
    memo, so a choice an example picks is scored once. `step` runs after each scenario.
    """
    bench = Workbench(library)
    problems: list[Problem] = []
    for loaded, rubric, prepared in bench.each(step):
        problems += run_problems(loaded, replay_scenario(loaded, bench.rubrics, prepared))
        problems += choice_problems(loaded, score_choices(prepared, rubric))
    return sorted(problems)
