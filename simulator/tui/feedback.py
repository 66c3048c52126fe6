"""The feedback panel shown after each reply: band and score, criteria, flags and tips."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from simulator.engine.transcript import TO_WORK_ON, evidence
from simulator.scoring import ScoreResult
from simulator.tui.highlight import band_content

MET = "✓"
MISSED = "✗"
FLAG = "⚑"


def feedback_content(result: ScoreResult) -> Content:
    """Met criteria with the words that met them, the one or two to work on, flags with tips."""
    lines = [Content.assemble(band_content(result), " feedback on this reply")]
    for item in result.criteria:
        if item.met:
            words = evidence(result.text, item.evidence)
            lines.append(Content.from_markup(
                "[$text-success]$mark[/] [b]$label[/b] [dim]$words[/dim]",
                mark=MET, label=item.label, words=words,
            ))
    to_work_on = result.to_work_on(TO_WORK_ON)
    for item in to_work_on:
        # A beat's focus criterion may come without advice: then no dangling dash.
        markup = "[$text-warning]$mark[/] [b]$label[/b]"
        if item.feedback:
            markup += " [dim]—[/dim] $tip"
        lines.append(Content.from_markup(
            markup, mark=MISSED, label=item.label, tip=item.feedback,
        ))
    more = len(result.missed) - len(to_work_on)
    if more:
        lines.append(Content.from_markup(
            "[dim]… $more more not met this time; F2 shows the whole rubric[/dim]", more=str(more)
        ))
    for flag in result.flags:
        words = evidence(result.text, flag.evidence)
        lines.append(Content.from_markup(
            "[$text-error]$mark $label[/] [dim]$words[/dim] [dim]—[/dim] $tip",
            mark=FLAG, label=flag.label, words=words, tip=flag.tip,
        ))
    return Content("\n").join(lines)


class FeedbackPanel(Static):
    """One reply's feedback; the transcript keeps every panel, so earlier ones stay readable."""

    def __init__(self, result: ScoreResult, *, number: int) -> None:
        super().__init__(feedback_content(result), classes="feedback", id=f"feedback-{number}")
        self.result = result
