"""The YAML files under a folder, and a problem for everything the walk could not look at.

`Path.rglob` silently skips a folder it may not read, a symbolic-link loop and a FIFO, so a
library could be reported clean while files in it were never checked. Here each of those is a
problem with its path, and a FIFO or device is never opened.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from simulator.loading.problems import Problem, Severity
from simulator.safety.files import kind_of

YAML_SUFFIXES = (".yaml", ".yml")


def yaml_files(folder: Path) -> tuple[list[Path], list[Problem]]:
    """Regular `.yaml`/`.yml` files under `folder` (sorted), and what could not be looked at."""
    files: list[Path] = []
    problems: list[Problem] = []

    def unreadable(exc: OSError) -> None:
        where = Path(exc.filename) if exc.filename else folder
        problems.append(Problem(where, 1, 1, f"cannot read this folder ({exc.strerror}), so its "
                                "files were not checked; fix its permissions"))

    for here, dirs, names in os.walk(folder, onerror=unreadable):
        base = Path(here)
        for name in dirs:
            if (base / name).is_symlink():
                problems.append(Problem(
                    base / name, 1, 1, "a symbolic link to a folder is not followed, so its "
                    "files were not checked; move the files here or give the folder itself",
                    Severity.warning,
                ))
        for name in names:
            path = base / name
            if path.suffix not in YAML_SUFFIXES:
                continue
            problem = _not_a_file(path)
            if problem is None:
                files.append(path)
            else:
                problems.append(problem)
    return sorted(files), problems


def _not_a_file(path: Path) -> Problem | None:
    """Why `path` cannot be read as a file, without ever opening it; None when it can."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            reason = "a symbolic-link loop"
        elif exc.errno == errno.ENOENT:
            reason = "a symbolic link that leads nowhere"
        else:
            reason = f"cannot be looked at ({exc.strerror})"
        return Problem(path, 1, 1, f"{reason}, so it was not checked; fix or remove it")
    if stat.S_ISDIR(mode):
        return None  # a folder called `x.yaml` appeared meanwhile: nothing to read
    if not stat.S_ISREG(mode):
        return Problem(path, 1, 1, f"{kind_of(mode)}, not a file, so it was not read; remove it "
                       "from the library")
    return None
