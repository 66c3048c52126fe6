"""`upward lint`: one fixture with each warning once, a clean library, and files with errors."""

from __future__ import annotations

import pytest

from simulator.cli.main import main
from simulator.engine.lint import lint_library
from simulator.loading import Severity, load_files, load_library
from tests.helpers import FIXTURES, run_upward

ENGINE = FIXTURES / "engine"
LIBRARY = ENGINE / "library"


def test_each_warning_at_its_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ENGINE)
    assert main(["--library", "library", "lint", "lint/lint-me.yaml"]) == 0
    f = "lint/lint-me.yaml"
    assert capsys.readouterr().out.splitlines() == [
        f"{f}:5:9: warning: no choice in this scenario meets criterion 'owns' of rubric "
        "'test-challenge' and no branch tests it; add a choice that shows it",
        f"{f}:15:7: warning: all 2 choices of beat 'opening' score strong; make one clearly "
        "stronger or weaker so the learner sees the difference",
        f"{f}:21:3: warning: beat 'middle' has no `choices`; at difficulty 1 every beat "
        "should offer suggested replies",
        f"{f}:32:3: warning: no example reaches ending 'closed'; add one under `examples:` so "
        "`upward test` keeps this branch working",
        f"{f}:33:10: warning: this line is 455 characters, over 400; split it across beats or "
        "cut it down: people speak in shorter turns",
        "5 warnings; 1 scenario linted.",
    ]


def test_a_tidy_library_has_no_warnings() -> None:
    result = run_upward("lint", str(LIBRARY))
    assert result.returncode == 0
    assert result.stdout.splitlines() == ["0 warnings; 2 scenarios linted."]


def test_lint_library_returns_sorted_warnings() -> None:
    assert lint_library(load_library(LIBRARY)) == []
    lint_me = load_files(
        [ENGINE / "lint" / "lint-me.yaml"], extra_rubrics=load_library(LIBRARY).rubrics
    )
    found = lint_library(lint_me)
    assert [p.line for p in found] == [5, 15, 21, 32, 33]
    assert {p.severity for p in found} == {Severity.warning}


def test_errors_in_the_files_exit_1(capsys: pytest.CaptureFixture[str]) -> None:
    bad = FIXTURES / "foundation" / "bad" / "unknown-to.yaml"
    assert main(["--library", str(FIXTURES / "foundation" / "library"), "lint", str(bad)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert "`to` names no beat or ending 'brushed-of'" in out[0]
    assert out[-1] == "1 error, 0 warnings; 0 scenarios linted."


def test_validate_warns_about_single_band_choices(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ENGINE)
    assert main(["--library", "library", "validate", "lint/lint-me.yaml"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "lint/lint-me.yaml:15:7: warning: all 2 choices of beat 'opening' score strong; make "
        "one clearly stronger or weaker so the learner sees the difference",
        "OK: 1 scenario and 0 rubrics loaded; 1 warning.",
    ]
