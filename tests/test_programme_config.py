"""Joining and leaving: the programme file is private, checked, and never echoes a secret."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simulator.programme import ProgrammeError, check_endpoint, joined_now, load, save
from simulator.programme.config import resolve_config_path
from tests.helpers import run_upward

SECRET = "s3cret-value-9d1e"


@pytest.mark.parametrize(("url", "canonical"), [
    ("https://LRS.example.org/xapi", "https://lrs.example.org/xapi/"),
    ("https://lrs.example.org/xapi/", "https://lrs.example.org/xapi/"),
    ("http://127.0.0.1:8100/xAPI/", "http://127.0.0.1:8100/xAPI/"),
    ("http://localhost/xapi", "http://localhost/xapi/"),
])
def test_endpoints_are_made_canonical(url: str, canonical: str) -> None:
    assert check_endpoint(url) == canonical


@pytest.mark.parametrize(("url", "says"), [
    ("http://lrs.example.org/xapi/", "unencrypted"),
    ("https://lead:pw@lrs.example.org/xapi/", "must not hold a name or password"),
    ("ftp://lrs.example.org/", "must start with https://"),
    ("lrs.example.org/xapi", "must start with https://"),
    ("https://lrs.example.org/xapi?x=1", "?query"),
    ("https://lrs.example.org:port/", "not a URL"),
])
def test_unsafe_or_malformed_endpoints_are_refused(url: str, says: str) -> None:
    with pytest.raises(ProgrammeError, match=says.replace("?", r"\?")) as caught:
        check_endpoint(url)
    assert "pw" not in str(caught.value)


def test_the_programme_file_is_private_and_keeps_its_pseudonym_on_rejoin(tmp_path: Path) -> None:
    path = tmp_path / "config" / "upward" / "programme.json"
    first = joined_now("https://lrs.example.org/xapi/", "key-1", SECRET, False, None)
    save(path, first)
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.parent.stat().st_mode & 0o777 == 0o700
    assert SECRET not in repr(first) and SECRET not in str(first.model_dump())
    loaded = load(path)
    assert loaded == first and loaded.secret.get_secret_value() == SECRET
    again = joined_now(first.endpoint, "key-2", "new-secret", True, loaded)
    assert again.account == first.account and again.share_replies
    elsewhere = joined_now("https://other.example.org/xapi/", "k", "s", False, loaded)
    assert elsewhere.account != first.account  # programmes cannot link a learner


def test_a_damaged_programme_file_is_named_without_echoing_what_it_holds(tmp_path: Path) -> None:
    path = tmp_path / "programme.json"
    good = joined_now("https://lrs.example.org/xapi/", "key-1", SECRET, False, None)
    save(path, good)
    data = json.loads(path.read_text())
    data["account"] = SECRET
    path.write_text(json.dumps(data))
    with pytest.raises(ProgrammeError) as caught:
        load(path)
    assert str(path) in str(caught.value) and "field account" in str(caught.value)
    assert SECRET not in str(caught.value)
    path.write_text("{not json")
    with pytest.raises(ProgrammeError, match="not a programme file"):
        load(path)
    assert load(tmp_path / "missing.json") is None


def test_config_path_comes_from_the_option_then_the_environment(tmp_path: Path) -> None:
    assert resolve_config_path(tmp_path / "a.json", {"UPWARD_CONFIG": "b"}) == tmp_path / "a.json"
    assert resolve_config_path(None, {"UPWARD_CONFIG": "b.json"}) == Path("b.json")
    assert resolve_config_path(None, {}).name == "programme.json"


def test_join_status_and_leave_through_the_command_line(tmp_path: Path) -> None:
    config = tmp_path / "p.json"
    env = {"UPWARD_DB": str(tmp_path / "h.db")}
    status = run_upward("programme", "status", "--config", str(config), env=env)
    assert "You are not in a programme" in status.stdout
    refused = run_upward("programme", "join", "http://lrs.example.org/xapi/", "--key", "k",
                         "--secret", SECRET, "--config", str(config), env=env)
    assert refused.returncode == 1 and "unencrypted" in refused.stderr
    assert SECRET not in refused.stderr and not config.exists()
    missing = run_upward("programme", "join", "https://lrs.example.org/xapi/",
                         "--config", str(config), env=env)
    assert missing.returncode == 2 and "give the LRS key and secret" in missing.stderr
    joined = run_upward("programme", "join", "https://lrs.example.org/xapi/", "--key", "k",
                        "--config", str(config), env={**env, "UPWARD_LRS_SECRET": SECRET})
    assert joined.returncode == 0, joined.stderr
    assert "no reply text is sent" in joined.stdout and SECRET not in joined.stdout
    other = run_upward("programme", "join", "https://b.example.org/xapi/", "--key", "k",
                       "--secret", "x", "--config", str(config), env=env)
    assert other.returncode == 1 and "`upward programme leave` first" in other.stderr
    status = run_upward("programme", "status", "--config", str(config), env=env)
    assert "Programme: https://lrs.example.org/xapi/" in status.stdout
    assert "0 statements sent, 0 waiting." in status.stdout and SECRET not in status.stdout
    left = run_upward("programme", "leave", "--config", str(config), env=env)
    assert left.returncode == 0 and "Nothing more is sent" in left.stdout
    assert not config.exists()
    synced = run_upward("sync", "--config", str(config), env=env)
    assert synced.returncode == 1 and "you are not in a programme" in synced.stderr
