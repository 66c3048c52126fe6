"""`upward validate` and `upward schema` through the real entry point."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from simulator.cli.cmd_schema import SCHEMAS, render
from simulator.cli.main import main
from tests.helpers import FIXTURES, REPO, run_upward

FOUNDATION = FIXTURES / "foundation"
LIBRARY = FOUNDATION / "library"


def test_clean_library_exits_0_with_a_summary() -> None:
    result = run_upward("validate", str(LIBRARY))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().splitlines()[-1] == "OK: 1 scenario and 1 rubric loaded."
    assert result.stderr == ""


def test_the_shipped_library_validates() -> None:
    result = run_upward("validate", cwd=Path("/"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("OK:") or "OK:" in result.stdout


def test_every_problem_is_printed_sorted_then_a_summary() -> None:
    result = run_upward(
        "--library", str(LIBRARY), "validate",
        "bad/unknown-to.yaml", "bad/duplicate-key.yaml", "bad/tabs.yaml",
        cwd=FOUNDATION,
    )
    assert result.returncode == 1
    lines = result.stdout.strip().splitlines()
    assert lines == [
        "bad/duplicate-key.yaml:6:1: duplicate key 'title' (first at line 2); keep only one",
        "bad/tabs.yaml:39:1: tab used for indentation; YAML needs spaces",
        "bad/unknown-to.yaml:37:13: `to` names no beat or ending 'brushed-of' — did you mean "
        "'brushed-off'?",
        "3 problems, 0 warnings; 0 scenarios and 0 rubrics loaded.",
    ]


@pytest.mark.parametrize("name", ["python-tag", "alias-bomb", "unknown-key", "empty"])
def test_each_broken_file_exits_1_with_file_and_line(name: str) -> None:
    result = run_upward("--library", str(LIBRARY), "validate", f"bad/{name}.yaml", cwd=FOUNDATION)
    assert result.returncode == 1
    expected = (FOUNDATION / f"bad/{name}.expected").read_text().splitlines()
    assert result.stdout.splitlines()[: len(expected)] == expected
    assert "Traceback" not in result.stderr


def test_a_scenario_file_finds_the_rubrics_of_its_own_library(tmp_path: Path) -> None:
    copy = tmp_path / "lib"
    shutil.copytree(LIBRARY, copy)
    code = main(["validate", str(copy / "scenarios/junior/mini-dashboard.yaml")])
    assert code == 0


def test_library_option_works_before_or_after_the_command(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(FOUNDATION)
    assert main(["validate", "--library", "library", "bad/unknown-to.yaml"]) == 1
    assert main(["--library", "library", "validate", "bad/unknown-to.yaml"]) == 1
    out = capsys.readouterr().out
    assert "no rubric" not in out
    assert out.count("`to` names no beat or ending 'brushed-of'") == 2


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "/no/such/place.yaml"]) == 2
    assert "no such file or folder" in capsys.readouterr().err
    with pytest.raises(SystemExit) as caught:
        main(["validate", "--bogus"])
    assert caught.value.code == 2
    assert main(["--library", "/no/such/dir", "validate"]) == 2


def test_warnings_do_not_change_the_exit_code(tmp_path: Path) -> None:
    from simulator.loading import Problem, Severity

    # A warning is printed with its prefix yet leaves a clean run at exit 0.
    warning = Problem(tmp_path / "x.yaml", 3, 1, "long line", Severity.warning)
    assert str(warning) == f"{tmp_path / 'x.yaml'}:3:1: warning: long line"


def test_committed_schemas_are_current() -> None:
    for name, model in SCHEMAS.items():
        committed = (REPO / "schemas" / name).read_text(encoding="utf-8")
        assert committed == render(model), f"schemas/{name} is stale: run `upward schema`"


def test_schema_command_writes_both_files(tmp_path: Path) -> None:
    result = run_upward("schema", "--out", str(tmp_path))
    assert result.returncode == 0
    scenario = json.loads((tmp_path / "scenario.schema.json").read_text())
    assert scenario["additionalProperties"] is False
    assert "beats" in scenario["required"]
    rubric = json.loads((tmp_path / "rubric.schema.json").read_text())
    assert rubric["properties"]["track"]["$ref"].endswith("Track")


def test_help_lists_the_commands() -> None:
    result = run_upward("--help")
    assert result.returncode == 0
    assert "validate" in result.stdout and "schema" in result.stdout
