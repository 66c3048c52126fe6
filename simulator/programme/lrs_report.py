"""An LRS's Upward statements as anonymous exports, one per learner's pseudonym.

`upward report --lrs` reads these and hands them to the same `cohort_report` as exports read
from files, so the minimum group, the suppression and every later rule apply to both alike.
Only ids, bands and scores are read from a statement; a reply's text (`result.response`, sent
only by learners who opted in) is never copied.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from simulator.model import Band, Outcome, Track
from simulator.report import FORMAT, VERSION, AnonymousExport
from simulator.xapi import UPWARD, Verb

PAGE = 100
"""Statements asked for per page."""
ACCOUNT = re.compile(r"^learner-[0-9a-f]{8,64}$")
"""An Upward pseudonym; statements of any other actor are not a learner's practice."""


@dataclass
class _Attempt:
    first: str
    """The earliest statement's timestamp: attempts are numbered in this order."""
    scenario: str
    scenario_hash: str
    track: Track
    ending: str | None = None
    outcome: Outcome | None = None
    turns: dict[int, dict[str, Any]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class LrsExports:
    exports: list[AnonymousExport]
    statements: int
    """Upward statements read."""
    ignored: int
    """Statements under Upward's activity that are not valid Upward statements."""


def query() -> dict[str, str]:
    """Every statement grouped under Upward's root activity."""
    return {"activity": UPWARD, "related_activities": "true", "limit": str(PAGE)}


def exports_from(raw_statements: Iterable[dict[str, Any]]) -> LrsExports:
    from simulator.xapi import statements as xapi

    learners: dict[str, dict[str, _Attempt]] = {}
    read = ignored = 0
    for raw in raw_statements:
        statement = xapi.read(raw)
        if statement is None or not ACCOUNT.match(str(statement.actor.account.name)):
            ignored += 1
            continue
        read += 1
        context = statement.context.extensions
        name = str(statement.actor.account.name)
        attempts = learners.setdefault(name, {})
        key = str(statement.context.registration)
        stamp = statement.timestamp.isoformat()
        attempt = attempts.get(key)
        if attempt is None:
            attempt = attempts[key] = _Attempt(stamp, context.scenario, context.scenario_hash,
                                               context.track)
        attempt.first = min(attempt.first, stamp)
        verb = xapi.verb_of(statement)
        if isinstance(statement, xapi.Answered):
            marks = statement.result.extensions
            turn = statement.context.extensions
            attempt.turns[turn.turn] = {
                "turn": turn.turn, "beat": turn.beat, "band": Band(marks.band),
                "score": round(float(statement.result.score.scaled), 4),
                "met": list(marks.met), "missed": list(marks.missed),
                "flags": list(marks.flags), "focus": list(marks.focus),
            }
        elif verb is Verb.completed and isinstance(statement, xapi.Completed):
            attempt.ending = statement.result.extensions.ending
            attempt.outcome = Outcome(statement.result.extensions.outcome)
    exports = []
    for name, attempts in sorted(learners.items()):
        ordered = sorted(attempts.values(), key=lambda a: a.first)
        exports.append(AnonymousExport.model_validate({
            "format": FORMAT, "version": VERSION, "pseudonym": name,
            "attempts": [
                {"number": number, "scenario": a.scenario, "scenario_hash": a.scenario_hash,
                 "track": a.track, "ending": a.ending, "outcome": a.outcome,
                 "turns": [a.turns[n] for n in sorted(a.turns)]}
                for number, a in enumerate(ordered, start=1)
            ],
        }))
    return LrsExports(exports=exports, statements=read, ignored=ignored)
