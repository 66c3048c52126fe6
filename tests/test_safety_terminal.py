"""Terminal safety: no escape sequence from a file, a reply or a message reaches a terminal."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from simulator.safety.text import clean_reply, first_control, one_line, terminal_text
from tests.helpers import FIXTURES, REPO, run_upward

HOSTILE = "\x1b]0;pwned\x07\x1b[41mRed\x1b[0m \x9b31m\x07bell\x08\u202eevil"


def test_escape_sequences_are_removed_and_other_controls_made_visible() -> None:
    shown = terminal_text(HOSTILE)
    assert shown == "Red \u2407bell\u2408\ufffdevil"
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in shown)


def test_newlines_and_tabs_stay_and_carriage_returns_cannot_overwrite_a_line() -> None:
    assert terminal_text("a\tb\nc") == "a\tb\nc"
    assert terminal_text("safe\roverwritten\r\nnext") == "safe\noverwritten\nnext"
    assert one_line("a\tb\nc\x1b[2J") == "a b c"


def test_an_unterminated_title_sequence_loses_only_its_introducer() -> None:
    assert terminal_text("\x1b]0;title without end, then the text") == \
        "0;title without end, then the text"


def test_clean_text_is_returned_as_it_is() -> None:
    text = "Plain words, “quotes”, émigré — and a tab\t."
    assert terminal_text(text) is text
    assert first_control(text) is None


def test_a_reply_loses_its_bom_and_escape_codes() -> None:
    assert clean_reply("\ufeff/1") == "/1"
    assert clean_reply("I \x1b[1mnoticed\x1b[0m it") == "I noticed it"


def hostile_library(tmp_path: Path) -> Path:
    library = tmp_path / "library"
    shutil.copytree(FIXTURES / "engine" / "library", library)
    scenario = library / "scenarios" / "junior" / "fixture-dashboard.yaml"
    text = scenario.read_text(encoding="utf-8")
    old = '      - "So, you wanted to talk about the dashboard?"'
    assert old in text
    text = text.replace(old, '      - "\\e]0;pwned\\a\\e[41mSo, you wanted to talk\\e[0m?"')
    text = text.replace("      - \"The dashboard? Go ahead.\"\n", "")
    text = text.replace("      - \"You have ten minutes. The dashboard, was it?\"\n", "")
    scenario.write_text(text, encoding="utf-8")
    return library


def test_validate_reports_control_characters_with_file_and_line(tmp_path: Path) -> None:
    library = hostile_library(tmp_path)
    result = run_upward("--library", str(library), "validate")
    scenario = library / "scenarios" / "junior" / "fixture-dashboard.yaml"
    line = next(n for n, text in enumerate(scenario.read_text().splitlines(), 1) if "pwned" in text)
    assert f"{scenario}:{line}:9: warning: control character U+001B (ESC)" in result.stdout
    assert "\x1b" not in result.stdout


def test_play_plain_prints_no_escape_byte(tmp_path: Path) -> None:
    library = hostile_library(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "simulator", "--library", str(library), "play",
         "fixture-dashboard", "--plain", "--no-save"],
        input=b"I \x1b]0;x\x07\x1b[31mnoticed\x1b[0m last week that the column confused them\n"
              b"/quit\n",
        capture_output=True, timeout=60, check=False, cwd=REPO,
    )
    assert result.returncode == 0, result.stderr
    assert b"Margaret Hale: So, you wanted to talk?" in result.stdout
    for byte in (b"\x1b", b"\x07", b"\x9b", b"\xc2\x9b"):
        assert byte not in result.stdout
    assert b"noticed" in result.stdout  # the reply's evidence, quoted without its codes


def test_a_hostile_key_name_is_shown_harmlessly(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text('id: x\n"\\e]0;pwned\\a": 1\n', encoding="utf-8")
    result = run_upward("validate", str(bad))
    assert result.returncode == 1
    assert "\x1b" not in result.stdout + result.stderr
    assert "\x07" not in result.stdout + result.stderr


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_a_real_tmux_pane_keeps_its_title_and_colours(tmp_path: Path) -> None:
    library = hostile_library(tmp_path)
    socket = str(tmp_path / "tmux.sock")
    command = (f"{sys.executable} -m simulator --library {library} play fixture-dashboard "
               "--plain --no-save; sleep 30")
    tmux = ["tmux", "-S", socket]
    subprocess.run([*tmux, "new-session", "-d", "-x", "120", "-y", "40", "-s", "t",
                    "-e", f"PYTHONPATH={REPO}", command], check=True, timeout=20)
    try:
        subprocess.run([*tmux, "set-option", "-t", "t", "allow-rename", "on"], check=True)
        deadline = time.monotonic() + 30
        pane = ""
        while time.monotonic() < deadline:
            pane = subprocess.run([*tmux, "capture-pane", "-p", "-e", "-t", "t"],
                                  capture_output=True, text=True, check=True).stdout
            if "So, you wanted to talk" in pane:
                break
            time.sleep(0.2)
        assert "Margaret Hale: So, you wanted to talk?" in pane
        title = subprocess.run([*tmux, "display-message", "-p", "-t", "t", "#{pane_title}"],
                               capture_output=True, text=True, check=True).stdout.strip()
        assert "pwned" not in title
        assert "[41m" not in pane  # no red background was painted
    finally:
        subprocess.run([*tmux, "kill-server"], check=False, timeout=20)


def test_old_history_rows_and_typed_ids_never_reach_the_terminal_raw(tmp_path: Path) -> None:
    import sqlite3

    db = tmp_path / "h.db"
    library = FIXTURES / "engine" / "library"
    run_upward("--library", str(library), "play", "fixture-dashboard", "--plain",
               "--db", str(db), input="/3\n")
    # A row saved before replies were cleaned, as an older Upward could have written it.
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE turns SET text = ?", ("I \x1b]0;pwned\x07\x1b[41mnoticed\x9b2J",))
    for argv in (["export", "1"], ["export", "1", "--format", "json"], ["history", "--json"]):
        result = subprocess.run([sys.executable, "-m", "simulator", *argv, "--db", str(db)],
                                capture_output=True, timeout=60, check=False, cwd=REPO)
        assert result.returncode == 0, result.stderr
        assert b"noticed" in result.stdout
        for byte in (b"\x1b", b"\x07", b"\xc2\x9b"):
            assert byte not in result.stdout, argv
    typed = subprocess.run([sys.executable, "-m", "simulator", "play", "\x1b]0;pwned\x07x"],
                           capture_output=True, timeout=60, check=False, cwd=REPO)
    assert typed.returncode == 2
    assert b"\x1b" not in typed.stderr and b"\x07" not in typed.stderr

