"""`upward`, `upward play ID` and `upward serve` open the app; bad input never reaches it."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import pytest

from simulator.cli import cmd_serve
from simulator.cli.main import build_parser, main
from simulator.tui.app import UpwardApp
from tests.tui_snapshot_app import LIBRARY


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[UpwardApp]:
    """The apps the commands would run, kept instead of run."""
    apps: list[UpwardApp] = []
    monkeypatch.setattr(UpwardApp, "run", lambda self, **_: apps.append(self))
    return apps


def test_no_command_opens_the_app_at_home(opened: list[UpwardApp]) -> None:
    assert main(["--library", str(LIBRARY)]) == 0
    [app] = opened
    assert app.first_scenario is None
    assert sorted(app.library.scenarios) == ["fixture-dashboard", "fixture-feedback"]


def test_play_without_plain_opens_the_briefing(opened: list[UpwardApp], tmp_path: Path) -> None:
    db = tmp_path / "h.db"
    assert main(["--library", str(LIBRARY), "play", "fixture-feedback", "--seed", "3",
                 "--db", str(db), "--no-save"]) == 0
    [app] = opened
    assert (app.first_scenario, app.seed, app.db, app.save) == ("fixture-feedback", 3, db, False)


def test_play_an_unknown_id_is_a_usage_error_before_any_screen(
    opened: list[UpwardApp], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--library", str(LIBRARY), "play", "fixture-dashbord"]) == 2
    assert not opened
    assert "did you mean 'fixture-dashboard'" in capsys.readouterr().err


def test_serve_binds_to_loopback_and_runs_this_library() -> None:
    args = build_parser().parse_args(["--library", str(LIBRARY), "serve"])
    assert (args.host, args.port) == ("127.0.0.1", 8000)
    command = shlex.split(cmd_serve.app_command(args))
    assert command == [sys.executable, "-m", "simulator", "--library", str(LIBRARY.resolve())]


def test_serve_refuses_a_port_out_of_range(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--port", "70000"]) == 2
    assert "use a port from 1 to 65535" in capsys.readouterr().err
