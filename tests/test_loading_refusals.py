"""Refusals that need generated input: sizes, bytes, code-running tags, memory bounds."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from simulator.loading import MAX_FILE_BYTES, LoadError, load_document, load_files
from tests.helpers import FIXTURES

VALID = FIXTURES / "foundation/library/scenarios/junior/mini-dashboard.yaml"


def messages(path: Path) -> list[str]:
    with pytest.raises(LoadError) as caught:
        load_document(path)
    return [f"{p.line}:{p.column}: {p.message}" for p in caught.value.problems]


def test_a_file_over_the_size_limit_is_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("w") as out:
        out.write("id: big\nsay: |\n")
        line = "  " + "x" * 98 + "\n"
        out.write(line * (10 * 1024 * 1024 // len(line)))
    assert big.stat().st_size > 10_000_000
    [message] = messages(big)
    assert message.startswith("1:1: file is 10,")
    assert f"over the {MAX_FILE_BYTES:,}-byte limit" in message


def test_non_utf8_bytes_are_reported_at_their_line_and_column(tmp_path: Path) -> None:
    bad = tmp_path / "latin1.yaml"
    bad.write_bytes(b"id: x\ntitle: Caf" + b"\xe9 talk\n")
    assert messages(bad) == ["2:11: byte 0xe9 is not UTF-8; save the file as UTF-8"]


def test_a_utf8_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    ok = tmp_path / "bom.yaml"
    ok.write_bytes(b"\xef\xbb\xbfid: x\n")
    assert load_document(ok).data == {"id": "x"}


def test_python_tags_never_run_anything(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    evil = tmp_path / "evil.yaml"
    evil.write_text(
        f'id: evil\ntitle: !!python/object/apply:os.system ["touch {marker}"]\n'
        f"summary: !!python/name:os.system\n"
    )
    assert messages(evil) == [
        "2:8: tag '!!python/object/apply:os.system' is not allowed; use plain YAML values "
        "(text, numbers, lists, mappings)",
        "3:10: tag '!!python/name:os.system' is not allowed; use plain YAML values "
        "(text, numbers, lists, mappings)",
    ]
    assert not marker.exists()


def test_a_billion_laughs_file_fails_in_bounded_memory() -> None:
    bomb = FIXTURES / "foundation/bad/alias-bomb.yaml"
    tracemalloc.start()
    try:
        [message] = messages(bomb)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "aliases expand to more than 200,000 values" in message
    assert peak < 100 * 1024 * 1024


def test_too_many_aliases_are_refused(tmp_path: Path) -> None:
    many = tmp_path / "aliases.yaml"
    many.write_text("id: x\nbase: &b 1\nitems:\n" + "  - *b\n" * 1_001)
    [message] = messages(many)
    assert message == (
        "1004:5: more than 1000 aliases (*name); write the values out instead"
    )


def test_plain_aliases_within_bounds_are_fine(tmp_path: Path) -> None:
    ok = tmp_path / "ok.yaml"
    ok.write_text("id: x\nline: &l Hello\nagain: *l\n")
    assert load_document(ok).data == {"id": "x", "line": "Hello", "again": "Hello"}


def test_dates_stay_text_as_written(tmp_path: Path) -> None:
    ok = tmp_path / "date.yaml"
    ok.write_text("id: x\nsummary: 2024-01-05\n")
    assert load_document(ok).data["summary"] == "2024-01-05"


def test_a_very_deep_file_does_not_overflow_the_stack(tmp_path: Path) -> None:
    deep = tmp_path / "deep.yaml"
    deep.write_text("id: x\nv: " + "[" * 5000 + "]" * 5000 + "\n")
    [message] = messages(deep)
    assert message.endswith("nesting deeper than 40 levels; flatten this part of the file")


def test_an_unreadable_path_is_a_problem_not_a_traceback(tmp_path: Path) -> None:
    library = load_files([tmp_path / "missing.yaml"])
    [problem] = library.problems
    assert problem.line == 1
    assert "cannot read the file" in problem.message


def test_valid_scenario_keeps_positions_of_keys_and_values() -> None:
    document = load_document(VALID)
    assert document.source.locate(("beats", "curious", "say")).line == 46
    assert document.source.locate(("beats", "curious"), key=True).line == 45
    # An unrecorded path falls back to its longest recorded prefix.
    assert document.source.locate(("beats", "curious", "nope", 3)).line == 46
