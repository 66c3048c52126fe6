"""Writing fitted numbers back into a trainer's rubric file, keeping everything else as it was.

ruamel.yaml's round-trip mode keeps comments, key order, quoting and flow style. It is imported
here only, so commands that never write a rubric do not pay for it. Before anything is written
the new text is checked twice: every line that differs must be one of the numbers (a weight, a
penalty, the bands), and the file must still load as a valid rubric. Then it replaces the old
file in one rename, so a crash leaves either the old file or the new one, never half of each.
"""

from __future__ import annotations

import difflib
import io
import re
import tempfile
from pathlib import Path
from typing import Any

from simulator.calibration.fit import Numbers
from simulator.loading import load_files
from simulator.model import Rubric

_NUMBER_LINE = re.compile(
    r"^\s*(-\s+)?(weight|penalty)\s*:|^\s*bands\s*:|^\s*(strong|adequate)\s*:"
)
_INDENTS = ((2, 4, 2), (2, 2, 0), (4, 4, 0), (4, 6, 2))
"""(mapping, sequence, offset) layouts tried until one reproduces the file unchanged."""


class WriteError(Exception):
    """Nothing was written; the message says why and what to do instead."""


def readable(value: float) -> int | float:
    """2.0 as 2, as a trainer writes it; 2.5 and 0.15 as they are."""
    value = round(value, 6)
    return int(value) if value == int(value) and value >= 1 else value


def _yaml(mapping: int, sequence: int, offset: int) -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap a trainer's long lines
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    return yaml


def _dump(yaml: Any, data: Any) -> str:
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def _layout(text: str) -> tuple[Any, Any]:
    """A round-trip loader for this file and its data, or WriteError if none keeps it intact."""
    from ruamel.yaml.error import YAMLError

    for indent in _INDENTS:
        yaml = _yaml(*indent)
        try:
            data = yaml.load(text)
        except YAMLError as exc:
            raise WriteError(f"ruamel.yaml cannot read this file ({str(exc).splitlines()[0]}); "
                             "nothing was written: copy the numbers above into it by "
                             "hand") from None
        if _dump(yaml, data) == text:
            return yaml, data
    raise WriteError("ruamel.yaml cannot write this file back without changing its layout "
                     "(unusual indentation or spacing); nothing was written: copy the numbers "
                     "above into it by hand")


def _set(item: Any, key: str, value: int | float, after: str) -> None:
    if key in item:
        item[key] = value
    else:  # a weight left at its default of 1: write it where a trainer would, after the label
        keys = list(item)
        item.insert(keys.index(after) + 1 if after in keys else len(keys), key, value)


def updated_text(text: str, rubric: Rubric, numbers: Numbers) -> str:
    """The file's text with the new numbers in place of the old, and nothing else changed."""
    yaml, data = _layout(text)
    criteria, flags = data.get("criteria"), data.get("flags") or []
    ids = [c.id for c in rubric.criteria], [f.id for f in rubric.flags]
    if [c.get("id") for c in criteria] != ids[0] or [f.get("id") for f in flags] != ids[1]:
        raise WriteError("the file's criteria or flags changed since it was read; nothing was "
                         "written: run calibrate again")
    for item, criterion, new in zip(criteria, rubric.criteria, numbers.weights, strict=True):
        if new != criterion.weight:
            _set(item, "weight", readable(new), "label")
    for item, flag, new in zip(flags, rubric.flags, numbers.penalties, strict=True):
        if new != flag.penalty:
            _set(item, "penalty", readable(new), "label")
    bands = data["bands"]
    if numbers.strong != rubric.bands.strong:
        bands["strong"] = readable(numbers.strong)
    if numbers.adequate != rubric.bands.adequate:
        bands["adequate"] = readable(numbers.adequate)
    new_text = _dump(yaml, data)
    _check_only_numbers_changed(text, new_text)
    return new_text


def _check_only_numbers_changed(old: str, new: str) -> None:
    before, after = old.splitlines(), new.splitlines()
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag == "equal":
            continue
        for number, line in [*((a0 + k + 1, before[a0 + k]) for k in range(a1 - a0)),
                             *((b0 + k + 1, after[b0 + k]) for k in range(b1 - b0))]:
            if not _NUMBER_LINE.match(line):
                raise WriteError(f"writing the numbers would also change line {number} "
                                 f"({line.strip()[:60]!r}); nothing was written: copy the "
                                 "numbers above into the file by hand")


def write_numbers(path: Path, rubric: Rubric, numbers: Numbers) -> None:
    """Replace the rubric's numbers in its file; WriteError (nothing written) if it cannot."""
    with path.open(encoding="utf-8", newline="") as source:
        text = source.read()
    crlf = "\r\n" in text
    new_text = updated_text(text.replace("\r\n", "\n") if crlf else text, rubric, numbers)
    with tempfile.TemporaryDirectory() as folder:
        trial = Path(folder) / "rubrics" / path.name
        trial.parent.mkdir()
        trial.write_text(new_text, encoding="utf-8")
        problems = load_files([trial]).errors
        if problems:
            raise WriteError(f"the written file would not load ({problems[0].message}); "
                             "nothing was written")
    with tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", newline="", dir=path.parent, prefix=f".{path.name}.",
        suffix=".tmp", delete=False,
    ) as out:
        temporary = Path(out.name)
        try:
            out.write(new_text.replace("\n", "\r\n") if crlf else new_text)
        except BaseException:
            out.close()
            temporary.unlink(missing_ok=True)
            raise
    try:
        temporary.chmod(path.stat().st_mode & 0o7777)
        temporary.replace(path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
