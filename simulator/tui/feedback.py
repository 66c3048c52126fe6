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
    # Assembled from styled pieces, not markup: parsing markup took most of a panel's build,
    # on the way to the reply's feedback frame.
    lines = [Content.assemble(band_content(feedback), " feedback on this reply")]
    for item in feedback.met:
        lines.append(Content.assemble(
            (MET, "$text-success"), " ", (item.label, "b"), " ", (_quoted(item.words), "dim"),
        ))
    for item in feedback.work_on:
        # A beat's focus criterion may come without advice: then no dangling dash.
        tip = (" ", ("—", "dim"), " ", item.tip) if item.tip else ()
        lines.append(Content.assemble((MISSED, "$text-warning"), " ", (item.label, "b"), *tip))
    if feedback.more:
        lines.append(Content.styled(
            f"… {feedback.more} more not met this time; F2 shows the whole rubric", "dim",
        ))
    for item in feedback.flags:
        lines.append(Content.assemble(
            (f"{FLAG} {item.label}", "$text-error"), " ", (_quoted(item.words), "dim"), " ",
            ("—", "dim"), " ", item.tip,
        ))
    return Content("\n").join(lines)


class FeedbackPanel(Static):
    """One reply's feedback; the transcript keeps every panel, so earlier ones stay readable."""

    def __init__(self, feedback: Feedback, result: ScoreResult, *, number: int) -> None:
        super().__init__(feedback_content(feedback), classes="feedback", id=f"feedback-{number}")
        self.feedback = feedback
        self.result = result
