"""`upward test [PATH...]`: replay every scenario's `examples` and check every rubric's; exit 1
on any mismatch."""

from __future__ import annotations

import argparse
from pathlib import Path

from simulator.cli.cmd_validate import collect
from simulator.cli.common import EXIT_OK, EXIT_PROBLEMS, plural, print_problems
from simulator.cli.progress import Progress
from simulator.engine.replay import ExampleRun, replay_scenario
from simulator.engine.runtime import RubricBook
from simulator.engine.transcript import path_text, turn_summary
from simulator.engine.workbench import Workbench
from simulator.loading import Library, Loaded
from simulator.model import Rubric, Scenario
from simulator.scoring.examples import ExampleCheck, check_examples


def add_parser(sub: argparse._SubParsersAction, parents: list[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "test",
        parents=parents,
        help="replay every scenario's examples and check every rubric's (exit 1 on any mismatch)",
        description="Replay each scenario's `examples` with their seeds, and score each "
        "rubric's criterion and flag `examples` (match / no_match). A failing example is "
        "printed at its file:line: for a scenario the expected and actual ending and path and "
        "each reply's band, score, criteria met and flags; for a rubric the reply and what it "
        "met and raised, with the words that did it.",
    )
    parser.add_argument(
        "paths", nargs="*", type=Path, metavar="PATH",
        help="a library folder, a scenario file, or a folder of them (default: the library)",
    )
    parser.set_defaults(func=run)


def failure_lines(loaded: Loaded[Scenario], run: ExampleRun) -> list[str]:
    """The failing example at its position, then what a trainer needs to see why."""
    expect = run.example.expect
    lines = [str(loaded.document.problem(
        ("examples", run.index), f"example '{run.example.name}' failed: {run.failure}"
    ))]
    expected_path = path_text(expect.path) if expect.path else "(not given)"
    lines.append(f"  expected: ending {expect.ending}, path {expected_path}")
    actual_ending = run.ending or "(none)"
    lines.append(f"  actual:   ending {actual_ending}, path {path_text(run.path)}")
    lines += [f"  {turn_summary(turn)}" for turn in run.turns]
    return lines


def rubric_failure_lines(loaded: Loaded[Rubric], check: ExampleCheck) -> list[str]:
    """A failing rubric example at its position, then what the reply met and raised."""
    lines = [str(loaded.document.problem(check.path, check.message()))]
    return lines + [f"  {line}" for line in check.details()]


def _rubric_examples(library: Library, rubrics: RubricBook) -> tuple[int, int]:
    passed = failed = 0
    for rubric_id, loaded in sorted(library.rubrics.items(), key=lambda item: item[1].path):
        compiled = rubrics.get(rubric_id)
        if rubric_id in library.borrowed or compiled is None:
            continue
        for check in check_examples(compiled):
            if check.passed:
                passed += 1
                continue
            failed += 1
            print("\n".join(rubric_failure_lines(loaded, check)))
    return passed, failed


def run(args: argparse.Namespace) -> int:
    with Progress() as progress:
        library = collect(args, progress)
        print_problems(library.errors)
        bench = Workbench(library)
        rubric_passed, rubric_failed = _rubric_examples(library, bench.rubrics)
        passed = failed = 0
        progress.phase("Replaying examples", len(library.scenarios))
        for loaded, _, prepared in bench.each(progress.advance):
            for example_run in replay_scenario(loaded, bench.rubrics, prepared):
                if example_run.passed:
                    passed += 1
                    continue
                failed += 1
                print("\n".join(failure_lines(loaded, example_run)))
    total = passed + failed
    summary = f"{plural(total, 'example')}, {passed} passed, {failed} failed"
    if rubric_passed or rubric_failed:
        summary += (
            f"; {plural(rubric_passed + rubric_failed, 'rubric example')}, {rubric_passed} "
            f"passed, {rubric_failed} failed"
        )
        failed += rubric_failed
    if library.errors:
        summary += f"; {plural(len(library.errors), 'problem')} in the files (see above)"
    print(summary)
    return EXIT_PROBLEMS if failed or library.errors else EXIT_OK
