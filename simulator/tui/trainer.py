"""The trainer's view: the library's problems, each scenario's branches, the example replays.

Validation replays every example, so it runs in a thread worker after the screen is shown.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Select, Static, TabbedContent, TabPane

from simulator.engine.checks import validation_problems
from simulator.engine.graph import edges, to_mermaid
from simulator.engine.replay import replay_scenario
from simulator.engine.runtime import RubricBook
from simulator.engine.transcript import path_text, turn_summary
from simulator.loading import Library, Problem
from simulator.model import Scenario
from simulator.tui.error_screen import problem_line
from simulator.tui.footer import Footer
from simulator.tui.keys import OwnKeysFirst


def outline(scenario: Scenario) -> str:
    """Each beat's branches in order (first match wins), then the endings, then max_turns."""
    found = edges(scenario)
    lines = []
    for beat_id in scenario.beats:
        lines.append(f"{beat_id}{'  (start)' if beat_id == scenario.start else ''}")
        own = [e for e in found if e.source == beat_id and not e.dashed]
        for n, edge in enumerate(own, start=1):
            lines.append(f"  {'└' if n == len(own) else '├'} {edge.label} → {edge.dest}")
    lines.append("")
    lines += [f"ending {eid}: {e.outcome.value}" for eid, e in scenario.endings.items()]
    if scenario.max_turns is not None and scenario.on_max_turns is not None:
        lines.append(f"after reply {scenario.max_turns}, from any beat → {scenario.on_max_turns}")
    return "\n".join(lines)


def example_lines(library: Library) -> list[str]:
    """`upward test` in brief: ✓ or ✗ per example; a failure with its replies, one a line."""
    rubrics = RubricBook.of(library)
    lines: list[str] = []
    passed = failed = 0
    for loaded in sorted(library.scenarios.values(), key=lambda item: item.path):
        for run in replay_scenario(loaded, rubrics):
            passed, failed = passed + run.passed, failed + (not run.passed)
            mark = "✓" if run.passed else "✗"
            lines.append(f"{mark} {loaded.model.id}: {run.example.name}")
            if not run.passed:
                lines.append(f"    {run.failure}")
                lines.append(f"    path {path_text(run.path)}")
                lines += [f"    {turn_summary(turn)}" for turn in run.turns]
    if not lines:
        return ["No scenario has examples yet."]
    return [f"{passed + failed} examples, {passed} passed, {failed} failed", "", *lines]


class TrainerScreen(OwnKeysFirst):
    CSS_PATH = "tools.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "app.back", "Back")]

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library

    def compose(self) -> ComposeResult:
        ids = sorted(self.library.scenarios)
        with TabbedContent(id="trainer"):
            with TabPane("Problems", id="problems-tab"), VerticalScroll():
                yield Static("Checking the library and replaying examples…", id="problems")
            with TabPane("Graphs", id="graphs-tab"):
                yield Select([(i, i) for i in ids], prompt="Scenario", id="graph-of",
                             value=ids[0] if ids else Select.BLANK)
                with VerticalScroll():
                    yield Static(id="graph")
            with TabPane("Examples", id="examples-tab"), VerticalScroll():
                yield Static("Replaying examples…", id="examples")
        yield Footer()

    def on_mount(self) -> None:
        self._check()

    @work(thread=True, exclusive=True, group="trainer")
    def _check(self) -> None:
        problems = sorted([*self.library.problems, *validation_problems(self.library)])
        examples = example_lines(self.library)
        self.app.call_from_thread(self._show, problems, examples)

    def _show(self, problems: list[Problem], examples: list[str]) -> None:
        root: Path | None = self.library.root
        counts = f"{len(self.library.scenarios)} scenario(s), {len(self.library.rubrics)} rubric(s)"
        text = "\n".join(problem_line(p, root) for p in problems) or f"No problems: {counts}."
        self.query_one("#problems", Static).update(Content(text))
        self.query_one("#examples", Static).update(Content("\n".join(examples)))

    @on(Select.Changed, "#graph-of")
    def _graph(self, event: Select.Changed) -> None:
        loaded = self.library.scenarios.get(str(event.value))
        if loaded is None:
            return
        scenario = loaded.model
        mermaid = f"Mermaid (upward graph {scenario.id}):\n{to_mermaid(scenario)}"
        text = f"{outline(scenario)}\n\n{mermaid}"
        self.query_one("#graph", Static).update(Content(text))
