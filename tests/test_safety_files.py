"""Files written and read: regular files only, never through a link, never without limit."""

from __future__ import annotations

import os
import shutil
import stat
import time
from pathlib import Path

import pytest

from simulator.safety.files import UnsafeFile, read_bounded, write_new
from tests.helpers import FIXTURES, run_upward

LIBRARY = FIXTURES / "engine" / "library"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "h.db"
    result = run_upward("--library", str(LIBRARY), "play", "fixture-dashboard", "--plain",
                        "--db", str(path), input="/3\n")
    assert result.returncode == 0, result.stderr
    return path


def export(db: Path, out: Path, *flags: str) -> tuple[int, str]:
    result = run_upward("export", "--anonymous", "--db", str(db), "--out", str(out), *flags,
                        timeout=20)
    return result.returncode, result.stderr


def test_out_never_replaces_an_existing_file_without_force(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "me.json"
    out.write_text("my notes\n", encoding="utf-8")
    code, err = export(db, out)
    assert code == 1
    assert err == f"upward export: --out {out}: the file exists; give --force to replace it, " \
        "or another name\n"
    assert out.read_text(encoding="utf-8") == "my notes\n"
    assert export(db, out, "--force")[0] == 0
    assert '"upward-anonymous-export"' in out.read_text(encoding="utf-8")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_out_never_writes_through_a_symbolic_link(db: Path, tmp_path: Path) -> None:
    victim = tmp_path / "someone-elses.txt"
    victim.write_text("theirs\n", encoding="utf-8")
    link = tmp_path / "shared.json"
    link.symlink_to(victim)
    for flags in ((), ("--force",)):
        code, err = export(db, link, *flags)
        assert code == 1 and "a symbolic link; Upward never writes through one" in err
    assert victim.read_text(encoding="utf-8") == "theirs\n"
    assert link.is_symlink()


def test_out_never_writes_into_a_fifo_or_a_device(db: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    code, err = export(db, fifo, "--force")  # would hang if it were opened for writing
    assert code == 1 and "a FIFO (named pipe); give the name of a regular file" in err
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    code, err = export(db, Path("/dev/null"), "--force")
    assert code == 1 and "a device" in err
    assert stat.S_ISCHR(Path("/dev/null").lstat().st_mode)


def test_a_new_file_is_created_when_the_name_is_free(tmp_path: Path) -> None:
    target = tmp_path / "new.txt"
    write_new(target, b"hello")
    assert target.read_bytes() == b"hello"
    with pytest.raises(OSError, match="exists"):
        write_new(target, b"again")


def hostile_library(tmp_path: Path) -> Path:
    library = tmp_path / "library"
    shutil.copytree(LIBRARY, library)
    return library


def test_a_yaml_link_to_dev_zero_is_refused_at_once(tmp_path: Path) -> None:
    library = hostile_library(tmp_path)
    zero = library / "rubrics" / "zero.yaml"
    zero.symlink_to("/dev/zero")
    started = time.monotonic()
    result = run_upward("--library", str(library), "validate", timeout=30)
    assert time.monotonic() - started < 20
    assert result.returncode == 1
    assert f"{zero}:1:1: a device, not a file, so it was not read" in result.stdout
    direct = run_upward("validate", str(zero), timeout=30)
    assert "a device, not a regular file" in direct.stdout
    with pytest.raises(UnsafeFile):
        read_bounded(zero, 1000)


def test_a_fifo_in_a_library_is_reported_and_never_opened(tmp_path: Path) -> None:
    library = hostile_library(tmp_path)
    fifo = library / "scenarios" / "junior" / "waiting.yaml"
    os.mkfifo(fifo)
    result = run_upward("--library", str(library), "validate", timeout=30)
    assert result.returncode == 1
    assert f"{fifo}:1:1: a FIFO (named pipe), not a file, so it was not read" in result.stdout
    assert "OK" not in result.stdout
    direct = run_upward("validate", str(fifo), timeout=30)
    assert direct.returncode == 1 and "a FIFO (named pipe), not a regular file" in direct.stdout
    # The app and play load the library too: the FIFO does not hang them.
    play = run_upward("--library", str(library), "play", "fixture-dashboard", "--plain",
                      "--no-save", input="/quit\n", timeout=30)
    assert play.returncode == 0


def test_link_loops_and_unreadable_folders_are_problems_not_ok(tmp_path: Path) -> None:
    library = hostile_library(tmp_path)
    loop = library / "scenarios" / "loop.yaml"
    loop.symlink_to(loop)
    folder_loop = library / "rubrics" / "again"
    folder_loop.symlink_to(library / "rubrics")
    result = run_upward("--library", str(library), "validate")
    assert result.returncode == 1
    assert f"{loop}:1:1: a symbolic-link loop, so it was not checked" in result.stdout
    assert f"{folder_loop}:1:1: warning: a symbolic link to a folder is not followed" \
        in result.stdout
    if os.geteuid() != 0:  # root reads any folder
        locked = library / "scenarios" / "locked"
        locked.mkdir()
        locked.chmod(0)
        try:
            again = run_upward("--library", str(library), "validate")
        finally:
            locked.chmod(0o755)
        assert f"{locked}:1:1: cannot read this folder" in again.stdout


def test_report_refuses_dev_zero_and_a_fifo_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "export.json"
    os.mkfifo(fifo)
    result = run_upward("report", "/dev/zero", str(fifo), timeout=30)
    assert result.returncode == 1
    assert "/dev/zero: cannot read it (a device, not a regular file)" in result.stderr
    assert f"{fifo}: cannot read it (a FIFO (named pipe), not a regular file)" in result.stderr
