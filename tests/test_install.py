"""A non-editable install validates its shipped library from any folder."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

from tests.helpers import REPO


def _run(*cmd: str | Path, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(c) for c in cmd], cwd=cwd, env=env, capture_output=True, text=True, check=False,
        timeout=300,
    )


@pytest.mark.slow
def test_wheel_install_validates_the_shipped_library_elsewhere(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    # Build from a copy of the tracked tree so the developer's .venv and caches stay out.
    built = _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                 "--quiet", "-w", wheels, REPO, cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    [wheel] = wheels.glob("upward-*.whl")

    fresh = tmp_path / "fresh"
    venv.EnvBuilder(with_pip=True).create(fresh)
    python = fresh / "bin" / "python"
    installed = _run(python, "-m", "pip", "install", "--no-deps", "--no-index", "--quiet",
                     wheel, cwd=tmp_path)
    assert installed.returncode == 0, installed.stderr
    # Dependencies come from the test's own environment; the package itself from the wheel.
    site = Path(_run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])",
                     cwd=tmp_path).stdout.strip())
    (site / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "UPWARD_LIBRARY"}}
    where = _run(python, "-c", "import simulator; print(simulator.__file__)", cwd=elsewhere,
                 env=env)
    assert str(fresh) in where.stdout, where.stdout + where.stderr
    result = _run(fresh / "bin" / "upward", "validate", cwd=elsewhere, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("OK:")
    shipped = list((site / "simulator" / "library").rglob("*.yaml"))
    repo_files = [*(REPO / "scenarios").rglob("*.yaml"), *(REPO / "rubrics").rglob("*.yaml")]
    assert len(shipped) == len(repo_files)
