"""The words a learner or trainer reads, as plain lines: for `play --plain` and `upward test`.

Plain text only (no colour, no box drawing) so screen readers and scripts get the same thing.
"""

from __future__ import annotations

from simulator.engine.debrief import Debrief
from simulator.engine.session import Opening, TurnResult
from simulator.model import Scenario
from simulator.scoring.result import ScoreResult, Span

QUOTE_CHARS = 60
"""Long replies are shortened in one-line summaries; the full text is in the transcript."""


EVIDENCE_CHARS = 48
"""The longest piece of evidence quoted in feedback; the highlighted reply shows the rest."""


def shorten(text: str, limit: int = QUOTE_CHARS) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 3].rstrip() + "..."


def evidence(text: str, spans: tuple[Span, ...]) -> str:
    """The learner's own words that triggered something, quoted: `"last week", "I noticed"`."""
    # A whole-reply detector (length, say) would quote the reply back at the learner: clip it.
    quoted = dict.fromkeys(
        f'"{shorten(text[start:end], EVIDENCE_CHARS)}"' for start, end in spans if end > start
    )
    return ", ".join(quoted)


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
    lines += ["", scenario.briefing.rstrip()]
    if scenario.goal:
        lines += ["", f"Your goal: {scenario.goal}"]
    if scenario.max_turns is not None:
        lines.append(f"You have {scenario.max_turns} replies.")
    return lines


def opening_lines(opening: Opening) -> list[str]:
    return [say_line(opening.speaker, opening.say), *choice_lines(opening.choices)]


TO_WORK_ON = 2
"""Missed criteria named after a reply: the one or two that matter most, not the whole rubric."""


def feedback_lines(result: ScoreResult) -> list[str]:
    """A turn's feedback: band and score, what was met (with the words), what to try next, flags."""
    lines = [f"Feedback: {result.band.value}, score {result.score:.2f}"]
    for item in result.criteria:
        if item.met:
            words = evidence(result.text, item.evidence)
            detail = f" ({words})" if words else ""
            tip = f" {item.feedback}" if item.feedback else ""
            lines.append(f"  Met: {item.label}{detail}.{tip}")
    to_work_on = result.to_work_on(TO_WORK_ON)
    for item in to_work_on:
        tip = f" {item.feedback}" if item.feedback else ""
        lines.append(f"  Try next: {item.label}.{tip}")
    more = len(result.missed) - len(to_work_on)
    if more:
        lines.append(f"  ({more} more criteria not met this time.)")
    for flag in result.flags:
        words = evidence(result.text, flag.evidence)
        detail = f" ({words})" if words else ""
        lines.append(f"  Flag: {flag.label}{detail}. Tip: {flag.tip}")
    return lines


def turn_summary(turn: TurnResult) -> str:
    """One line for a trainer: where the reply went and why."""
    result = turn.result
    flags = ", ".join(result.flag_ids) or "none"
    met = ", ".join(result.met) or "none"
    entry = f"next entry {turn.branch + 1}" if turn.branch is not None else "no entry"
    how = f"{entry}, then max_turns" if turn.ran_out else entry
    return (
        f"reply {turn.number} at {turn.replied_to}: {result.band.value} {result.score:.2f}; "
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
    lines.append(f"Path: {path_text(debrief.path)}")
    if debrief.mean_score is not None:
        lines.append(f"Replies: {debrief.turns}, mean score {debrief.mean_score:.2f}")
    if debrief.meters:
        lines.append("Meters: " + ", ".join(f"{k} {v}" for k, v in debrief.meters.items()))
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
        story = debrief.text.rstrip().splitlines()
        lines += ["", "What happened:", *(f"  {line}" for line in story)]
    if debrief.alternatives:
        lines += ["", "Stronger alternatives:"]
        for alt in debrief.alternatives:
            lines.append(
                f"  Reply {alt.turn} at {alt.beat}: you scored {alt.yours.score:.2f} "
                f"({alt.yours.band.value}); /{alt.choice + 1} scores {alt.result.score:.2f} "
                f"({alt.result.band.value}):"
            )
            lines.append(f'    "{alt.text}"')
    return lines
