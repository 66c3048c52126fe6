"""`upward test` replays examples; `upward validate` reports the ones that cannot pass."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.cli.main import main
from simulator.engine.replay import replay_example
from simulator.loading import load_library
from simulator.model import Example
from simulator.scoring import CompiledRubric
from tests.helpers import FIXTURES, run_upward

ENGINE = FIXTURES / "engine"
LIBRARY = ENGINE / "library"
MISMATCH = ENGINE / "failing" / "fixture-mismatch.yaml"


def lines(capsys: pytest.CaptureFixture[str]) -> list[str]:
    return capsys.readouterr().out.splitlines()


def test_a_library_whose_examples_pass_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["test", str(LIBRARY)]) == 0
    assert lines(capsys) == ["6 examples, 6 passed, 0 failed"]


def test_each_failure_is_shown_at_its_line_with_the_turns(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ENGINE)
    assert main(["--library", "library", "test", "failing/fixture-mismatch.yaml"]) == 1
    out = lines(capsys)
    f = "failing/fixture-mismatch.yaml"
    assert out == [
        f"{f}:41:5: example 'wrong ending' failed: reached ending 'closed', expected 'agreed'",
        "  expected: ending agreed, path (not given)",
        "  actual:   ending closed, path opening -> closed",
        "  reply 1 at opening: weak 0; met: none; flags: over_apology -> closed "
        '(next entry 2); "Sorry to bother you."',
        f"{f}:44:5: example 'wrong path' failed: took path opening -> listening -> closed, "
        "expected opening -> closed",
        "  expected: ending closed, path opening -> closed",
        "  actual:   ending closed, path opening -> listening -> closed",
        "  reply 1 at opening: strong 100; met: specific, invites, owns; flags: none -> "
        'listening (next entry 1); "For example, last week I noticed it. What do you think?"',
        "  reply 2 at listening: weak 0; met: none; flags: none -> closed (next entry 2); "
        '"Fine."',
        f"{f}:47:5: example 'no such choice' failed: response 1 at beat 'opening': /3: pick "
        "/1 to /2, or type your own reply",
        "  expected: ending closed, path (not given)",
        "  actual:   ending (none), path opening",
        f"{f}:50:5: example 'too many responses' failed: the run reached ending 'closed' "
        "after 1 reply; remove the 1 unused response",
        "  expected: ending closed, path (not given)",
        "  actual:   ending closed, path opening -> closed",
        "  reply 1 at opening: weak 0; met: none; flags: over_apology -> closed "
        '(next entry 2); "Sorry to bother you."',
        f"{f}:53:5: example 'too few responses' failed: the responses ran out at beat "
        "'listening' after 1 reply, before any ending; add responses until it reaches 'agreed'",
        "  expected: ending agreed, path (not given)",
        "  actual:   ending (none), path opening -> listening",
        "  reply 1 at opening: strong 100; met: specific, invites, owns; flags: none -> "
        'listening (next entry 1); "For example, last week I noticed it. What do you think?"',
        "6 examples, 1 passed, 5 failed",
    ]


def test_a_max_turns_redirect_is_named_in_the_turn_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = (LIBRARY / "scenarios/junior/fixture-dashboard.yaml").read_text()
    broken = source.replace("ending: out-of-time\n", "ending: brushed-off\n")
    broken = broken.replace("probing, out-of-time]", "probing, brushed-off]")
    target = tmp_path / "fixture-dashboard.yaml"
    target.write_text(broken)
    assert main(["--library", str(LIBRARY), "test", str(target)]) == 1
    out = lines(capsys)
    assert out[-2].startswith("  reply 4 at probing: weak 0; met: none; flags: none -> "
                              "out-of-time (next entry 3, then max_turns);")
    assert out[-1] == "4 examples, 3 passed, 1 failed"


def test_validate_reports_examples_that_cannot_pass() -> None:
    result = run_upward("--library", "library", "validate", "failing/fixture-mismatch.yaml",
                        cwd=ENGINE)
    assert result.returncode == 1
    assert [line.split(": example")[0] for line in result.stdout.splitlines()[:-1]] == [
        f"failing/fixture-mismatch.yaml:{line}:5" for line in (41, 44, 47, 50, 53)
    ]
    assert result.stdout.splitlines()[-1] == (
        "5 problems, 0 warnings; 1 scenario and 0 rubrics loaded."
    )


def test_validate_still_passes_a_library_whose_examples_pass() -> None:
    result = run_upward("validate", str(LIBRARY))
    assert result.returncode == 0, result.stdout
    assert result.stdout.splitlines()[-1].startswith("OK: 2 scenarios")


def test_files_with_errors_fail_the_run(capsys: pytest.CaptureFixture[str]) -> None:
    bad = FIXTURES / "foundation" / "bad" / "unknown-to.yaml"
    library = FIXTURES / "foundation" / "library"
    assert main(["--library", str(library), "test", str(bad)]) == 1
    out = lines(capsys)
    assert "`to` names no beat or ending 'brushed-of'" in out[0]
    assert out[-1] == "0 examples, 0 passed, 0 failed; 1 problem in the files (see above)"


def test_a_reply_the_scorer_refuses_is_a_replay_error() -> None:
    library = load_library(LIBRARY)
    scenario = library.scenarios["fixture-dashboard"].model
    rubric = CompiledRubric.compile(library.rubrics["test-challenge"].model)
    example = Example.model_validate({
        "name": "too long", "responses": ["/2", "x" * 5001], "expect": {"ending": "redesign"},
    })
    run = replay_example(scenario, rubric, example)
    assert not run.passed
    assert run.failure is not None and run.failure.startswith("response 2 at beat 'curious': ")
    assert run.path == ("opening", "curious")


def test_paths_that_do_not_exist_are_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["test", "/no/such/place.yaml"]) == 2
    assert "no such file or folder" in capsys.readouterr().err
