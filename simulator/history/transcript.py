"""One attempt as a Markdown transcript with its feedback, for the learner's own notes."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from simulator.engine.feedback import Feedback, Item, ItemKind, points
from simulator.history.models import Attempt, Mark, MarkKind, TurnRecord

SIGNS = {ItemKind.met: "✓", ItemKind.work_on: "✗", ItemKind.flag: "⚑"}
KINDS = {MarkKind.met: ItemKind.met, MarkKind.missed: ItemKind.work_on,
         MarkKind.flag: ItemKind.flag}


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
        f" · {ending}" + ("" if mean is None else f" · mean score {points(mean)}"),
    ]
    for turn in attempt.turns:
        lines += ["", *_turn(turn)]
    if not attempt.turns:
        lines += ["", "No reply was saved in this attempt."]
    if attempt.taken_back:
        lines += ["", "## Replies taken back", ""]
        lines += [f"- Reply {t.turn} ({t.band}, {points(t.score)}): {' '.join(t.text.split())}"
                  for t in attempt.taken_back]
    return "\n".join(lines) + "\n"


def _item(mark: Mark) -> Item:
    return Item(KINDS[mark.kind], mark.id, mark.label or mark.id, (), mark.feedback or "",
                mark.focus)


def record_feedback(turn: TurnRecord) -> Feedback:
    """The feedback a saved turn showed, as the engine's view model (without the quoted words,
    which the history does not keep apart from the reply)."""
    items = [_item(mark) for mark in turn.marks]
    return Feedback(
        band=turn.band, score=turn.score,
        met=tuple(i for i in items if i.kind is ItemKind.met),
        work_on=tuple(i for i in items if i.kind is ItemKind.work_on),
        flags=tuple(i for i in items if i.kind is ItemKind.flag),
    )


def feedback_markdown(feedback: Feedback) -> list[str]:
    """The feedback as a Markdown list: what was met, what to work on, flags."""
    lines = []
    for item in (*feedback.met, *feedback.work_on, *feedback.flags):
        tip = f" — {item.tip}" if item.tip else ""
        focus = " (this turn's focus)" if item.focus else ""
        lines.append(f"- {SIGNS[item.kind]} {item.label}{focus}{tip}")
    return lines


def _turn(turn: TurnRecord) -> list[str]:
    retry = " · second try" if turn.retry else ""
    lines = [f"## Turn {turn.turn} · {turn.beat}{retry}", ""]
    if turn.prompt:
        lines += ["They said:", "", quoted(turn.prompt), ""]
    feedback = record_feedback(turn)
    lines += ["You said:", "", quoted(turn.text), "",
              f"Score {feedback.points} ({turn.band})", ""]
    return lines + feedback_markdown(feedback)
