"""The conversation's top line: who you are talking to, the meters, how far along you are,
and the band of the last reply (so it stays in view at 80x24 however far the transcript
scrolls)."""

from __future__ import annotations

from textual.content import Content

from simulator.engine import Feedback, MeterView, Scene
from simulator.tui.highlight import BAND_STYLES


def meter_content(meter: MeterView) -> Content:
    """`Trust in you 1 ▲` with the arrow on the turn that moved it."""
    text = Content(f"{meter.label} {meter.value}")
    if meter.change > 0:
        return Content.assemble(text, Content.styled(f" ▲{meter.change}", "bold $text-success"))
    if meter.change < 0:
        return Content.assemble(text, Content.styled(f" ▼{-meter.change}", "bold $text-error"))
    return text


def status_line(scene: Scene, last: Feedback | None = None) -> Content:
    # The role is in each of their lines' headings; here every column counts at 80x24.
    parts = [Content.styled(scene.speaker, "b")]
    if scene.meters:
        parts.append(Content("  ").join(meter_content(m) for m in scene.meters)
                     .stylize("$text-accent"))
    if last is not None:
        style = BAND_STYLES.get(last.band.value, "")
        parts.append(Content.styled(last.headline, f"bold {style}"))
    if not scene.ended:
        limit = f" of {scene.max_turns}" if scene.max_turns else ""
        parts.append(Content.styled(f"reply {scene.reply_number}{limit}", "dim"))
    return Content(" │ ").join(parts)
