"""`upward test [PATH...]`: replay every scenario's `examples`; exit 1 on any mismatch."""

from __future__ import annotations

import argparse
from pathlib import Path

from simulator.cli.cmd_validate import collect
from simulator.cli.common import EXIT_OK, EXIT_PROBLEMS, plural, print_problems
from simulator.cli.progress import Progress
from simulator.engine.replay import ExampleRun, replay_scenario
from simulator.engine.transcript import path_text, turn_summary
from simulator.engine.workbench import Workbench
from simulator.loading import Loaded
from simulator.model import Scenario


def add_parser(sub: argparse._SubParsersAction, parents: list[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "test",
        parents=parents,
        help="replay every scenario's examples (exit 1 on any mismatch)",
        description="Replay each scenario's `examples` with their seeds. A failing example is "
        "printed at its file:line with the expected and actual ending and path, and each "
        "reply's band, score, criteria met and flags.",
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


def run(args: argparse.Namespace) -> int:
    with Progress() as progress:
        library = collect(args, progress)
        print_problems(library.errors)
        bench = Workbench(library)
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
    if library.errors:
        summary += f"; {plural(len(library.errors), 'problem')} in the files (see above)"
    print(summary)
    return EXIT_PROBLEMS if failed or library.errors else EXIT_OK
