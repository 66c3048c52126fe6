"""One attempt as a Markdown transcript with its feedback, for the learner's own notes."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from simulator.history.models import Attempt, Mark, MarkKind, TurnRecord

SIGNS = {MarkKind.met: "✓", MarkKind.missed: "✗", MarkKind.flag: "⚑"}


def local_time(iso: str) -> str:
    """A stored UTC time shown in the reader's local time: `2026-05-09 09:35`."""
    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return iso


def quoted(text: str) -> str:
    """Text as a Markdown block quote, every line kept."""
    return "\n".join(f"> {line}".rstrip() for line in text.splitlines() or [""])


def to_json(attempt: Attempt) -> dict[str, Any]:
    """The `history --json` entry, each turn with the feedback the learner saw."""
    data = attempt.to_json()
    for turn, record in zip(data["turns"], attempt.turns, strict=True):
        turn["feedback"] = [
            {"kind": m.kind.value, "id": m.id, "label": m.label, "feedback": m.feedback,
             "focus": m.focus}
            for m in record.marks
        ]
    return data


def to_markdown(attempt: Attempt) -> str:
    ending = (
        f"ending **{attempt.ending}** ({attempt.outcome})" if attempt.finished else "unfinished"
    )
    mean = attempt.mean_score
    lines = [
        f"# {attempt.scenario_id} — attempt {attempt.id}",
        "",
        f"{attempt.track} track · started {local_time(attempt.started_at)} · seed {attempt.seed}"
        f" · {ending}" + ("" if mean is None else f" · mean score {mean:.2f}"),
    ]
    for turn in attempt.turns:
        lines += ["", *_turn(turn)]
    if not attempt.turns:
        lines += ["", "No reply was saved in this attempt."]
    return "\n".join(lines) + "\n"


def _turn(turn: TurnRecord) -> list[str]:
    lines = [f"## Turn {turn.turn} · {turn.beat}", ""]
    if turn.prompt:
        lines += ["They said:", "", quoted(turn.prompt), ""]
    lines += ["You said:", "", quoted(turn.text), "", f"Score {turn.score:.2f} ({turn.band})", ""]
    lines += [_mark(mark) for mark in sorted(turn.marks, key=lambda m: list(SIGNS).index(m.kind))]
    return lines


def _mark(mark: Mark) -> str:
    name = mark.label or mark.id
    tip = f" — {mark.feedback}" if mark.feedback else ""
    focus = " (this turn's focus)" if mark.focus else ""
    return f"- {SIGNS[mark.kind]} {name}{focus}{tip}"
