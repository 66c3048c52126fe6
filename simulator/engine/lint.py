"""Warnings a trainer can act on: choices that all score alike, criteria no choice shows,
endings no example reaches, gentle scenarios without suggested replies, very long lines, and
scenarios where all-strong replies miss a success (or all-weak ones miss a setback)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from simulator.engine.playthrough import play_through
from simulator.engine.replay import ExampleRun, replay_scenario
from simulator.engine.runtime import Prepared, RubricBook
from simulator.engine.speech import first_line, line_texts
from simulator.engine.workbench import Step, Workbench
from simulator.loading import Library, Loaded, Problem, Severity
from simulator.loading.yaml_source import Document, Path_
from simulator.model import Outcome, Scenario, When
from simulator.scoring import CompiledRubric, ReplyError, ScoreResult

MAX_LINE_CHARS = 400
"""A counterpart's line longer than this reads as a speech, not a conversation turn."""


def _warning(doc: Document, path: Path_, message: str, *, key: bool = False) -> Problem:
    return dataclasses.replace(doc.problem(path, message, key=key), severity=Severity.warning)


Scored = dict[str, list[ScoreResult | ReplyError]]
"""Each beat's choices, scored (or the reason one cannot be)."""


def score_choices(prepared: Prepared, rubric: CompiledRubric) -> Scored:
    """Every choice scored as the learner would meet it (after the beat's first `say`)."""
    scored: Scored = {}
    for beat_id, beat in prepared.scenario.beats.items():
        results = scored[beat_id] = []
        for text in beat.choices:
            try:
                results.append(prepared.score(rubric, beat_id, text, first_line(beat.say)))
            except ReplyError as exc:
                results.append(exc)
    return scored


def choice_problems(loaded: Loaded[Scenario], scored: Scored) -> Iterator[Problem]:
    """Choices that cannot be scored, and beats whose choices all land in one band."""
    doc = loaded.document
    for beat_id, beat in loaded.model.beats.items():
        for index, item in enumerate(scored[beat_id]):
            if isinstance(item, ReplyError):
                yield _warning(doc, ("beats", beat_id, "choices", index),
                               f"this choice cannot be scored: {item}")
        bands = {item.band for item in scored[beat_id] if isinstance(item, ScoreResult)}
        if len(beat.choices) >= 2 and len(bands) == 1:
            [band] = bands
            yield _warning(
                doc, ("beats", beat_id, "choices"),
                f"all {len(beat.choices)} choices of beat '{beat_id}' score {band.value}; "
                "make one clearly stronger or weaker so the learner sees the difference",
            )


def _named_criteria(when: When | None) -> Iterator[str]:
    if when is None:
        return
    yield from when.met or ()
    yield from when.missed or ()
    for inner in when.any or ():
        yield from _named_criteria(inner)
    yield from _named_criteria(when.not_)


def unshown_criteria(
    loaded: Loaded[Scenario], scored: Scored, rubric_ids: list[str]
) -> Iterator[Problem]:
    """Rubric criteria that no choice of the scenario meets and no branch tests."""
    scenario = loaded.model
    if not any(beat.choices for beat in scenario.beats.values()):
        return
    met: set[str] = set()
    named: set[str] = set()
    for beat_id, beat in scenario.beats.items():
        for item in scored[beat_id]:
            if isinstance(item, ScoreResult):
                met.update(item.met)
        for branch in beat.next:
            named.update(_named_criteria(branch.when))
    for cid in rubric_ids:
        if cid not in met and cid not in named:
            yield _warning(
                loaded.document, ("rubric",),
                f"no choice in this scenario meets criterion '{cid}' of rubric "
                f"'{scenario.rubric}' and no branch tests it; add a choice that shows it",
            )


def unreached_endings(loaded: Loaded[Scenario], runs: list[ExampleRun]) -> Iterator[Problem]:
    reached = {run.ending for run in runs}
    for ending_id in loaded.model.endings:
        if ending_id not in reached:
            yield _warning(
                loaded.document, ("endings", ending_id),
                f"no example reaches ending '{ending_id}'; add one under `examples:` so "
                "`upward test` keeps this branch working",
                key=True,
            )


def gentle_without_choices(loaded: Loaded[Scenario]) -> Iterator[Problem]:
    if loaded.model.difficulty != 1:
        return
    for beat_id, beat in loaded.model.beats.items():
        if not beat.choices:
            yield _warning(
                loaded.document, ("beats", beat_id),
                f"beat '{beat_id}' has no `choices`; at difficulty 1 every beat should offer "
                "suggested replies",
                key=True,
            )


def long_lines(loaded: Loaded[Scenario]) -> Iterator[Problem]:
    scenario = loaded.model
    nodes = [("beats", k, v.say) for k, v in scenario.beats.items()]
    nodes += [("endings", k, v.say) for k, v in scenario.endings.items()]
    for section, node, say in nodes:
        variants: list[tuple[tuple[str | int, ...], str]] = (
            [(("say",), say)] if isinstance(say, str)
            else [(("say", i), text) for i, text in enumerate(line_texts(say))]
        )
        for where, line in variants:
            if len(line) > MAX_LINE_CHARS:
                yield _warning(
                    loaded.document, (section, node, *where),
                    f"this line is {len(line)} characters, over {MAX_LINE_CHARS}; split it "
                    "across beats or cut it down: people speak in shorter turns",
                )


def playthrough_problems(loaded: Loaded[Scenario], rubric: CompiledRubric) -> Iterator[Problem]:
    """All-strong replies must reach a success ending, all-weak ones a setback."""
    for strong, wanted in ((True, Outcome.success), (False, Outcome.setback)):
        run = play_through(loaded.model, rubric, strong=strong)
        if run.outcome is wanted:
            continue
        who = ("every reply strong (every criterion met, no flag)" if strong
               else "every reply weak (nothing met, no flag)")
        where = (f"ends at '{run.ending}' ({run.outcome.value})" if run.outcome is not None
                 else f"has not ended after {len(run.path) - 1} replies")
        advice = ("a learner who does everything asked should reach a success ending: check "
                  "the meter bounds and the band each branch asks for" if strong else
                  "a learner who never does what is asked should meet a setback, not a "
                  "partial result: send repeated weak replies to a setback ending")
        yield _warning(
            loaded.document, ("start",),
            f"with {who} the conversation {where}, by {path_text(run.path)}; {advice}",
        )


def choice_band_problems(library: Library, rubrics: RubricBook | None = None) -> list[Problem]:
    """The choice warnings `upward validate` prints too."""
    problems: list[Problem] = []
    for loaded, rubric, prepared in Workbench(library, rubrics).each():
        problems += choice_problems(loaded, score_choices(prepared, rubric))
    return problems


def lint_library(
    library: Library, rubrics: RubricBook | None = None, step: Step | None = None
) -> list[Problem]:
    """Every lint warning for the library's scenarios, sorted by position."""
    bench = Workbench(library, rubrics)
    models = library.rubric_models()
    problems: list[Problem] = []
    for loaded, rubric, prepared in bench.each(step):
        criteria = [c.id for c in models[loaded.model.rubric].criteria]
        scored = score_choices(prepared, rubric)
        problems += choice_problems(loaded, scored)
        problems += unshown_criteria(loaded, scored, criteria)
        runs = list(replay_scenario(loaded, bench.rubrics, prepared))
        problems += unreached_endings(loaded, runs)
        problems += gentle_without_choices(loaded)
        problems += long_lines(loaded)
        problems += playthrough_problems(loaded, rubric)
    return sorted(problems)


def path_text(path: tuple[str, ...]) -> str:
    return " -> ".join(path)
