"""The anonymous export: built from a whitelist, parsed strictly, never holding reply text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simulator.history import SqliteStore
from simulator.model import Outcome, Track
from simulator.report import (
    FORMAT,
    VERSION,
    AnonymousExport,
    ExportError,
    build_export,
    dump_export,
    parse_export,
)
from tests.test_history_store import make_result

SECRET = "My manager Priya keeps ignoring the accessibility audit"


def exported(tmp_path: Path) -> tuple[str, str]:
    """A history with the planted sentence in every reply and prompt, exported anonymously."""
    with SqliteStore(tmp_path / "h.db") as store:
        first = store.start_attempt("board-dashboard", "ab" * 32, Track.junior, 1)
        store.record_turn(first, 1, "opening", make_result(
            f"{SECRET}, sorry.", met=["specific", "on_topic"], missed=["invites"],
            flags=["over_apology"], score=0.35, focus=["on_topic"],
        ), prompt=f"You said: {SECRET}?")
        store.finish_attempt(first, "brushed-off", Outcome.setback)
        second = store.start_attempt("skip-level", "cd" * 32, Track.senior, 2)
        store.record_turn(second, 1, "opening", make_result(SECRET, met=["curious"]))
        return dump_export(build_export(store.pseudonym(), store.attempts())), store.pseudonym()


def test_the_export_holds_ids_scores_and_the_pseudonym_but_no_text(tmp_path: Path) -> None:
    text, pseudonym = exported(tmp_path)
    assert SECRET not in text and "Priya" not in text and "sorry" not in text
    data = json.loads(text)
    assert (data["format"], data["version"], data["pseudonym"]) == (FORMAT, VERSION, pseudonym)
    first, second = data["attempts"]  # oldest first
    assert first == {
        "number": 1, "scenario": "board-dashboard", "scenario_hash": "ab" * 32,
        "track": "junior", "ending": "brushed-off", "outcome": "setback",
        "turns": [{
            "turn": 1, "beat": "opening", "band": "weak", "score": 0.35,
            "met": ["specific", "on_topic"], "missed": ["invites"], "flags": ["over_apology"],
            "focus": ["on_topic"],
        }],
    }
    assert (second["scenario"], second["ending"], second["outcome"]) == ("skip-level", None, None)
    assert parse_export(text, "mine.json") == AnonymousExport.model_validate(data)


def _refusal(data: object, tmp_name: str = "cohort/ana.json") -> str:
    raw = data if isinstance(data, str) else json.dumps(data)
    with pytest.raises(ExportError) as caught:
        parse_export(raw, tmp_name)
    message = str(caught.value)
    assert message.startswith(f"{tmp_name}: ")
    return message


def test_bad_files_are_refused_with_their_name_and_the_reason(tmp_path: Path) -> None:
    good = json.loads(exported(tmp_path)[0])
    assert "not JSON (Expecting value at line 1, column 1)" in _refusal("# my notes")
    assert "not an Upward anonymous export" in _refusal([1, 2, 3])
    assert "not an Upward anonymous export" in _refusal({"attempts": []})
    assert "format version 2; this Upward reads version 1" in _refusal({**good, "version": 2})

    with_text = json.loads(json.dumps(good))
    with_text["attempts"][0]["turns"][0]["response"] = SECRET
    message = _refusal(with_text)
    assert "holds conversation text" in message
    assert 'key "response" at attempts[0].turns[0].response' in message
    assert SECRET not in message

    smuggled = json.loads(json.dumps(good))
    smuggled["attempts"][0]["scenario"] = SECRET
    message = _refusal(smuggled)
    assert "attempts[0].scenario: String should match pattern" in message
    assert SECRET not in message

    extra = json.loads(json.dumps(good))
    extra["attempts"][1]["notes"] = "x"
    assert "attempts[1].notes: Extra inputs are not permitted" in _refusal(extra)

    assert "nested too deeply" in _refusal(
        '{"format": "upward-anonymous-export", "version": 1, "x": ' + "[" * 5000 + "]" * 5000
        + "}"
    )


def test_history_json_is_refused_as_holding_text(tmp_path: Path) -> None:
    with SqliteStore(tmp_path / "h.db") as store:
        attempt_id = store.start_attempt("a", "00" * 32, Track.junior, 0)
        store.record_turn(attempt_id, 1, "b", make_result(SECRET))
        history = {"format": FORMAT, "version": VERSION, "pseudonym": store.pseudonym(),
                   "attempts": [a.to_json() for a in store.attempts()]}
    assert "holds conversation text" in _refusal(history)
