"""Where a library is and where a scenario's files are in it: names and folders only.

Nothing here parses or validates, so `upward play ID` can find the two files its briefing is
painted from without importing the models.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path

LIBRARY_ENV = "UPWARD_LIBRARY"
YAML_SUFFIXES = (".yaml", ".yml")
_RUBRIC_LINE = re.compile(r"""^rubric:[ \t]*["']?([a-z0-9][a-z0-9-]*)["']?[ \t]*(?:#.*)?$""", re.M)


def is_library(folder: Path) -> bool:
    return (folder / "scenarios").is_dir() and (folder / "rubrics").is_dir()


def shipped_library() -> Path:
    """The library inside the installed package, or the source checkout's own."""
    package = Path(__file__).resolve().parent.parent
    inside = package / "library"
    return inside if is_library(inside) else package.parent


def resolve_library(
    explicit: Path | None = None,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
) -> Path:
    """`--library`, else `$UPWARD_LIBRARY`, else the current folder if a library, else shipped."""
    env = os.environ if env is None else env
    if explicit is not None:
        return explicit
    if env.get(LIBRARY_ENV):
        return Path(env[LIBRARY_ENV])
    here = Path.cwd() if cwd is None else cwd
    if is_library(here):
        return here
    return shipped_library()


def scenario_files(root: Path, scenario_id: str) -> tuple[Path, Path] | None:
    """The scenario's file and its rubric's, found by their names; None when either is not
    exactly where its id says (then only the whole library can say what is wrong)."""
    if not is_library(root):
        return None
    files = [
        path for track in ("junior", "senior") for suffix in YAML_SUFFIXES
        if (path := root / "scenarios" / track / f"{scenario_id}{suffix}").is_file()
    ]
    if len(files) != 1:
        return None
    # A glance at the text, not a parse: the full check follows, and a file this does not
    # understand simply takes the slow way.
    try:
        found = _RUBRIC_LINE.search(files[0].read_text(encoding="utf-8", errors="replace"))
    except OSError:
        return None
    if found is None:
        return None
    rubric_files = [
        path for suffix in YAML_SUFFIXES
        if (path := root / "rubrics" / f"{found.group(1)}{suffix}").is_file()
    ]
    if len(rubric_files) != 1:
        return None
    return files[0], rubric_files[0]
