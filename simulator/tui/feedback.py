"""The feedback panel shown after each reply: the engine's `Feedback`, painted."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from simulator.engine.feedback import Feedback
from simulator.scoring import ScoreResult
from simulator.tui.highlight import band_content

MET = "✓"
MISSED = "✗"
FLAG = "⚑"


def _quoted(words: tuple[str, ...]) -> str:
    return ", ".join(f'"{w}"' for w in words)


def feedback_content(feedback: Feedback) -> Content:
    """Met criteria with the words that met them, the one or two to work on, flags with tips."""
    lines = [Content.assemble(band_content(feedback), " feedback on this reply")]
    for item in feedback.met:
        lines.append(Content.from_markup(
            "[$text-success]$mark[/] [b]$label[/b] [dim]$words[/dim]",
            mark=MET, label=item.label, words=_quoted(item.words),
        ))
    for item in feedback.work_on:
        # A beat's focus criterion may come without advice: then no dangling dash.
        markup = "[$text-warning]$mark[/] [b]$label[/b]"
        if item.tip:
            markup += " [dim]—[/dim] $tip"
        lines.append(Content.from_markup(markup, mark=MISSED, label=item.label, tip=item.tip))
    if feedback.more:
        lines.append(Content.from_markup(
            "[dim]… $more more not met this time; F2 shows the whole rubric[/dim]",
            more=str(feedback.more),
        ))
    for item in feedback.flags:
        lines.append(Content.from_markup(
            "[$text-error]$mark $label[/] [dim]$words[/dim] [dim]—[/dim] $tip",
            mark=FLAG, label=item.label, words=_quoted(item.words), tip=item.tip,
        ))
    return Content("\n").join(lines)


class FeedbackPanel(Static):
    """One reply's feedback; the transcript keeps every panel, so earlier ones stay readable."""

    def __init__(self, feedback: Feedback, result: ScoreResult, *, number: int) -> None:
        super().__init__(feedback_content(feedback), classes="feedback", id=f"feedback-{number}")
        self.feedback = feedback
        self.result = result
