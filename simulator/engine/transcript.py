"""The words a learner or trainer reads, as plain lines: for `play --plain` and `upward test`.

Plain text only (no colour, no box drawing) so screen readers and scripts get the same thing.
"""

from __future__ import annotations

import re

from simulator.engine.debrief import Debrief
from simulator.engine.feedback import (
    feedback_of,
    plain_feedback_lines,
    points,
    shorten,
)
from simulator.engine.run import MeterView, Scene
from simulator.engine.session import Opening, TurnResult
from simulator.model import Scenario
from simulator.scoring.result import ScoreResult

_MARKUP = [
    (re.compile(r"^\s{0,3}#{1,6}\s+", re.M), ""),                # headings
    (re.compile(r"\[([^\]\n]+)\]\([^)\n]*\)"), r"\1"),          # [text](url)
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1", re.S), r"\2"),  # **strong**
    (re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])"), r"\1"),  # *emphasis*
    (re.compile(r"(?<!\w)_(?=\S)([^_\n]+?)(?<=\S)_(?!\w)"), r"\1"),  # _emphasis_
    (re.compile(r"`([^`\n]+)`"), r"\1"),                          # `code`
]


def plain_text(markdown: str) -> str:
    """Markdown as a screen reader should hear it: the words, without the asterisks."""
    text = markdown
    for pattern, replacement in _MARKUP:
        text = pattern.sub(replacement, text)
    return text

def path_text(path: tuple[str, ...] | list[str]) -> str:
    return " -> ".join(path)


def say_line(speaker: str, say: str) -> str:
    return f"{speaker}: {say}"


def choice_lines(choices: tuple[str, ...]) -> list[str]:
    return [f"  /{number} {text}" for number, text in enumerate(choices, start=1)]


def briefing_lines(scenario: Scenario) -> list[str]:
    who = scenario.counterpart
    lines = [scenario.title, "=" * len(scenario.title), ""]
    lines.append(
        f"You are the {scenario.track.value} "
        f"{'mentor' if scenario.track.value == 'junior' else 'mentee'}, talking with "
        f"{who.name}, {who.role}. Difficulty {scenario.difficulty} of 3."
    )
    if who.style:
        lines.append(f"{who.name} is {who.style}.")
    lines += ["", plain_text(scenario.briefing.rstrip())]
    if scenario.goal:
        lines += ["", f"Your goal: {plain_text(scenario.goal)}"]
    if scenario.max_turns is not None:
        lines.append(f"You have {scenario.max_turns} replies.")
    return lines


def opening_lines(opening: Opening) -> list[str]:
    return [say_line(opening.speaker, opening.say), *choice_lines(opening.choices)]


def meter_text(meter: MeterView) -> str:
    """`Fiona's trust in you: 1 (up 1)`: the change is named on the turn that made it."""
    change = ""
    if meter.change:
        change = f" (up {meter.change})" if meter.change > 0 else f" (down {-meter.change})"
    return f"{meter.label}: {meter.value}{change}"


def scene_lines(scene: Scene, *, meters: bool = False) -> list[str]:
    """The meters (at the start, and on a turn that moved one), then the suggested replies."""
    lines = []
    if scene.meters and (meters or any(m.change for m in scene.meters)):
        lines.append("Meters: " + "; ".join(meter_text(m) for m in scene.meters))
    return lines + choice_lines(scene.choices)


def feedback_lines(result: ScoreResult) -> list[str]:
    """A turn's feedback: band and points, what was met (with the words), what to try, flags."""
    return plain_feedback_lines(feedback_of(result))


def turn_summary(turn: TurnResult) -> str:
    """One line for a trainer: where the reply went and why."""
    result = turn.result
    flags = ", ".join(result.flag_ids) or "none"
    met = ", ".join(result.met) or "none"
    entry = f"next entry {turn.branch + 1}" if turn.branch is not None else "no entry"
    how = f"{entry}, then max_turns" if turn.ran_out else entry
    return (
        f"reply {turn.number} at {turn.replied_to}: {result.band.value} {points(result.score)}; "
        f"met: {met}; flags: {flags} -> {turn.beat} ({how}); \"{shorten(turn.response)}\""
    )


def _mark(met: bool | None) -> str:
    return "not scored" if met is None else "met" if met else "missed"


def debrief_lines(debrief: Debrief) -> list[str]:
    lines = ["Debrief", "======="]
    if debrief.finished:
        assert debrief.outcome is not None
        how = " (out of turns)" if debrief.ran_out else ""
        lines.append(f"Outcome: {debrief.outcome.value}, ending '{debrief.ending}'{how}")
    else:
        lines.append("Outcome: unfinished")
    if debrief.decided:
        lines.append(debrief.decided)
    lines += [f"To reach a better ending: {line}" for line in debrief.better]
    lines.append(f"Path: {path_text(debrief.path)}")
    if debrief.mean_score is not None:
        lines.append(f"Replies: {debrief.turns}, mean score {points(debrief.mean_score)}")
    if debrief.meters:
        lines.append("Meters: " + "; ".join(
            f"{label}: {value}" for label, value in debrief.meter_labels.items()))
    if debrief.criteria:
        lines += ["", "Criteria (times met / replies that scored it; then reply by reply):"]
        width = max(len(c.label) for c in debrief.criteria)
        for c in debrief.criteria:
            marks = ", ".join(f"{n} {_mark(m)}" for n, m in enumerate(c.per_turn, start=1))
            lines.append(f"  {c.label.ljust(width)}  {c.met}/{c.turns}  ({marks})")
    lines += ["", "Flags seen:"]
    if not debrief.flags:
        lines.append("  none")
    for flag in debrief.flags:
        replies = ", ".join(str(n) for n in flag.turns)
        times = "once" if flag.count == 1 else f"{flag.count} times"
        lines.append(f"  {flag.label}: {times} (reply {replies}). Tip: {flag.tip}")
    if debrief.text:
        story = plain_text(debrief.text).rstrip().splitlines()
        lines += ["", "What happened:", *(f"  {line}" for line in story)]
    if debrief.alternatives:
        lines += ["", "Stronger alternatives:"]
        for alt in debrief.alternatives:
            lines.append(
                f"  Reply {alt.turn} at {alt.beat}: you scored {points(alt.yours.score)} "
                f"({alt.yours.band.value}); /{alt.number} scores {points(alt.result.score)} "
                f"({alt.result.band.value}):"
            )
            lines.append(f'    "{alt.text}"')
    return lines
