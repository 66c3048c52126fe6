"""The conversation's top line: who you are talking to, the meters, and how far along you are."""

from __future__ import annotations

from textual.content import Content

from simulator.engine import Session


def meter_text(name: str, value: int) -> str:
    """`trust +1`: a sign makes a meter that starts at zero read as a direction."""
    return f"{name} {value:+d}"


def status_line(session: Session, meters: dict[str, int]) -> Content:
    scenario = session.scenario
    who = scenario.counterpart
    parts = [Content.from_markup("[b]$name[/b] · $role", name=who.name, role=who.role)]
    if meters:
        shown = "  ".join(meter_text(name, value) for name, value in meters.items())
        parts.append(Content.styled(shown, "$text-accent"))
    answered = len(session.turns)
    if not session.ended:
        limit = f" of {scenario.max_turns}" if scenario.max_turns else ""
        parts.append(Content.styled(f"reply {answered + 1}{limit}", "dim"))
    return Content(" │ ").join(parts)
