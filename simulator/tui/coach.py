"""The coach: what the rubric looks for, shown before answering when the learner asks."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from simulator.model import Criterion, Rubric


def coach_content(rubric: Rubric, focus: Sequence[Criterion] = ()) -> Content:
    lines = [Content.assemble(("Coach", "b"), " ", (f"· {rubric.title}", "dim"))]
    lines.append(Content.styled("Aim for:", "bold $text-success"))
    for criterion in [*rubric.criteria, *focus]:
        lines.append(Content(f"• {criterion.label}"))
        if criterion.feedback is not None:
            lines.append(Content.styled(f"  {criterion.feedback.missed}", "dim"))
    if rubric.flags:
        lines.append(Content.styled("Avoid:", "bold $text-error"))
        for flag in rubric.flags:
            lines.append(Content(f"• {flag.label}"))
            lines.append(Content.styled(f"  {flag.feedback}", "dim"))
    return Content("\n").join(lines)


class CoachPanel(VerticalScroll):
    """Hidden until toggled; updated for each beat so its focus criteria show too.

    A scroll rather than a Static: the whole rubric is longer than 80x24 leaves it, and Tab
    reaches it so the arrows can read on.
    """

    _shown: tuple[int, tuple[int, ...]] | None = None
    _wanted: tuple[Rubric, tuple[Criterion, ...]] | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="coach-text")

    def show_for(self, rubric: Rubric, focus: Sequence[Criterion] = ()) -> None:
        """What to show for this beat; painted now if the coach is in view, else when shown
        (hidden, it was a text built and laid out on every reply for nothing)."""
        self._wanted = (rubric, tuple(focus))
        if self.display:
            self._paint()

    def reveal(self, shown: bool) -> None:
        self.display = shown
        if shown:
            self._paint()

    def _paint(self) -> None:
        if self._wanted is None:
            return
        rubric, focus = self._wanted
        # Most beats add no focus criteria: the same text again is a layout pass for nothing.
        key = (id(rubric), tuple(id(criterion) for criterion in focus))
        if key != self._shown:
            self._shown = key
            self.query_one("#coach-text", Static).update(coach_content(rubric, focus))
