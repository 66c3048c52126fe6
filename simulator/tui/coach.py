"""The coach: what the rubric looks for, shown before answering when the learner asks."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from simulator.model import Criterion, Rubric


def coach_content(rubric: Rubric, focus: Sequence[Criterion] = ()) -> Content:
    lines = [Content.from_markup("[b]Coach[/b] [dim]· $title[/dim]", title=rubric.title)]
    lines.append(Content.styled("Aim for:", "bold $text-success"))
    for criterion in [*rubric.criteria, *focus]:
        lines.append(Content.from_markup("• $label", label=criterion.label))
        if criterion.feedback is not None:
            lines.append(Content.styled(f"  {criterion.feedback.missed}", "dim"))
    if rubric.flags:
        lines.append(Content.styled("Avoid:", "bold $text-error"))
        for flag in rubric.flags:
            lines.append(Content.from_markup("• $label", label=flag.label))
            lines.append(Content.styled(f"  {flag.feedback}", "dim"))
    return Content("\n").join(lines)


class CoachPanel(VerticalScroll):
    """Hidden until toggled; updated for each beat so its focus criteria show too.

    A scroll rather than a Static: the whole rubric is longer than 80x24 leaves it, and Tab
    reaches it so the arrows can read on.
    """

    _shown: tuple[int, tuple[int, ...]] | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="coach-text")

    def show_for(self, rubric: Rubric, focus: Sequence[Criterion] = ()) -> None:
        # Most beats add no focus criteria: the same text again is a layout pass for nothing.
        key = (id(rubric), tuple(id(criterion) for criterion in focus))
        if key != self._shown:
            self._shown = key
            self.query_one("#coach-text", Static).update(coach_content(rubric, focus))
