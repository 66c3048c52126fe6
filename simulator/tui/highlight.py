"""The learner's own words, styled where they met a criterion or raised a flag.

Spans come from the scorer (character offsets into the reply); this module only paints them.
"""

from __future__ import annotations

from textual.content import Content

from simulator.engine.feedback import Feedback
from simulator.scoring import ScoreResult, Span

MET_STYLE = "bold $text-success"
FLAG_STYLE = "bold $text-error underline"
BAND_STYLES = {"strong": "$text-success", "adequate": "$text-warning", "weak": "$text-error"}


def met_spans(result: ScoreResult) -> list[Span]:
    return [span for item in result.criteria if item.met for span in item.evidence]


def flag_spans(result: ScoreResult) -> list[Span]:
    return [span for flag in result.flags for span in flag.evidence]


def highlighted(result: ScoreResult) -> Content:
    """The reply with met evidence in the success colour and flag evidence in the error colour.

    Flags are painted last so a phrase that both met a criterion and raised a flag reads as
    the flag: that is the one the learner needs to notice.
    """
    content = Content(result.text)
    for start, end in met_spans(result):
        content = content.stylize(MET_STYLE, start, end)
    for start, end in flag_spans(result):
        content = content.stylize(FLAG_STYLE, start, end)
    return content


def band_content(feedback: Feedback) -> Content:
    """`Strong · 80` in the band's colour."""
    label = f" {feedback.headline} "
    return Content(label).stylize(f"bold {BAND_STYLES.get(feedback.band.value, '')} reverse")
