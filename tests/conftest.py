"""Keep the tester's machine out of the tests: no stray library, no real history database."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    monkeypatch.delenv("UPWARD_LIBRARY", raising=False)
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("UPWARD_DB", str(home / "history.db"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    # No test may join (or leave) the tester's own programme.
    monkeypatch.setenv("UPWARD_CONFIG", str(home / "programme.json"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
