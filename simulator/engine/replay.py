"""Replaying trainers' golden runs (`examples`): for `upward test` and `upward validate`."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from simulator.engine.runtime import Prepared, RubricBook
from simulator.engine.session import ChoiceError, Session, TurnResult
from simulator.engine.workbench import Step, Workbench
from simulator.loading import Library, Loaded, Problem
from simulator.model import Example, Scenario
from simulator.scoring import CompiledRubric, ReplyError


@dataclass(frozen=True, slots=True)
class ExampleRun:
    """What replaying one example produced."""

    index: int
    example: Example
    turns: tuple[TurnResult, ...]
    path: tuple[str, ...]
    ending: str | None
    error: str | None = None
    """Why the responses could not be replayed (a bad choice, a reply the scorer refuses...)."""

    @property
    def passed(self) -> bool:
        return self.error is None and not self.mismatch

    @property
    def mismatch(self) -> str | None:
        """What differs from `expect`, in words, or None when the run matches."""
        if self.error is not None:
            return None
        expect = self.example.expect
        if self.ending is None:
            count = len(self.turns)
            return (
                f"the responses ran out at beat '{self.path[-1]}' after {count} "
                f"{'reply' if count == 1 else 'replies'}, before any ending; add responses "
                f"until it reaches '{expect.ending}'"
            )
        if self.ending != expect.ending:
            return f"reached ending '{self.ending}', expected '{expect.ending}'"
        if expect.path is not None and list(self.path) != expect.path:
            return f"took path {' -> '.join(self.path)}, expected {' -> '.join(expect.path)}"
        return None

    @property
    def failure(self) -> str | None:
        return self.error or self.mismatch


def replay_example(
    scenario: Scenario,
    rubric: CompiledRubric,
    example: Example,
    index: int = 0,
    *,
    prepared: Prepared | None = None,
) -> ExampleRun:
    """Play the example's responses with its seed; stop at the first that cannot be played."""
    with Session(scenario, rubric, seed=example.seed, prepared=prepared) as session:
        error = None
        for number, response in enumerate(example.responses, start=1):
            if session.ended:
                left = len(example.responses) - number + 1
                error = (
                    f"the run reached ending '{session.beat}' after {number - 1} "
                    f"{'reply' if number == 2 else 'replies'}; remove the {left} unused "
                    f"response{'' if left == 1 else 's'}"
                )
                break
            try:
                session.respond(response)
            except (ChoiceError, ReplyError) as exc:
                error = f"response {number} at beat '{session.beat}': {exc}"
                break
        run = ExampleRun(
            index=index,
            example=example,
            turns=tuple(session.turns),
            path=tuple(session.path),
            ending=session.beat if session.ended else None,
            error=error,
        )
        session.release()  # freed now, not by the cycle collector
        return run


def replay_scenario(
    loaded: Loaded[Scenario], rubrics: RubricBook, prepared: Prepared | None = None
) -> Iterator[ExampleRun]:
    """Every example of the scenario, in file order; none when its rubric is unknown."""
    rubric = rubrics.get(loaded.model.rubric)
    if rubric is None:
        return
    for index, example in enumerate(loaded.model.examples):
        yield replay_example(loaded.model, rubric, example, index, prepared=prepared)


def run_problems(loaded: Loaded[Scenario], runs: Iterable[ExampleRun]) -> list[Problem]:
    """An error at each of the scenario's examples that failed."""
    return [
        loaded.document.problem(
            ("examples", run.index), f"example '{run.example.name}': {run.failure}"
        )
        for run in runs
        if run.failure is not None
    ]


def example_problems(
    library: Library, rubrics: RubricBook | None = None, step: Step | None = None
) -> list[Problem]:
    """An error at each example that cannot be replayed or does not reach what it expects."""
    bench = Workbench(library, rubrics)
    problems = []
    for loaded, _, prepared in bench.each(step):
        problems += run_problems(loaded, replay_scenario(loaded, bench.rubrics, prepared))
    return problems
