"""Reading labelled replies (the `../shared/calibration/LABELS.md` format), line by line.

Each line is one JSON object: `track`, `context` (optional), `text`, `band`, `flags`; other keys
(a writer's `why`) are ignored. Every bad line becomes a `Problem` with its file and line, so a
programme fixes its file in one go. A file with no band labels at all (the external receptiveness
ratings, for one) is refused whole: it is a check on the scorer, never something to fit to.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Final

from simulator.calibration.fit import BANDS
from simulator.loading.problems import Problem, did_you_mean

MAX_LINE_BYTES: Final = 1 << 20
"""A reply is at most 5,000 characters; a line this long cannot be a sensible row."""
MAX_DEPTH: Final = 8
"""A row is an object holding a list of flags (depth 2); deeper nesting is not a row."""
MAX_ROWS: Final = 100_000
"""Far beyond any programme's labelled set, and a bound on the work."""

_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_BRACKETS = re.compile(r"[\[\]{}]")
REQUIRED: Final = ("track", "text", "band", "flags")
TRACKS: Final = ("junior", "senior")


class NotTrainingData(Exception):
    """The whole file must not be fitted on; the message says why and what to give instead."""


@dataclass(frozen=True, slots=True)
class LabelledRow:
    """One labelled reply and where it came from."""

    path: Path
    line: int
    track: str
    context: str | None
    text: str
    band: int
    """0 weak, 1 adequate, 2 strong."""
    flags: frozenset[str]


def _depth(line: str) -> int:
    depth = deepest = 0
    for bracket in _BRACKETS.findall(_STRING.sub("", line)):
        depth += 1 if bracket in "[{" else -1
        deepest = max(deepest, depth)
    return deepest


def _lines(stream: BinaryIO) -> Any:
    """(number, bytes or None when too long) for each line, reading at most a bounded amount."""
    number = 0
    while True:
        raw = stream.readline(MAX_LINE_BYTES + 1)
        if not raw:
            return
        number += 1
        if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
            while raw and not raw.endswith(b"\n"):  # skip the rest of the long line
                raw = stream.readline(MAX_LINE_BYTES)
            yield number, None
            continue
        yield number, raw


def _row(raw: bytes) -> tuple[dict[str, Any] | None, str | None]:
    """The row, or what is wrong with the line; (None, None) for a blank line."""
    try:
        line = raw.decode("utf-8").removeprefix("\ufeff").rstrip("\r\n")
    except UnicodeDecodeError:
        return None, "not UTF-8 text; save the file as UTF-8"
    if not line.strip():
        return None, None
    if _depth(line) > MAX_DEPTH:
        return None, (f"nested more than {MAX_DEPTH} levels deep; a row is one object with a "
                      "list of flags")
    try:
        row: Any = json.loads(line)
    except json.JSONDecodeError as exc:
        return None, f"not valid JSON ({exc.msg} at column {exc.colno})"
    except RecursionError:  # pragma: no cover - the depth check comes first
        return None, "nested too deeply"
    if not isinstance(row, dict):
        return None, 'expected a JSON object such as {"track": ..., "text": ..., "band": ...}'
    return row, None


def _check(row: dict[str, Any], flag_ids: Collection[str], track: str) -> str | None:
    missing = [key for key in REQUIRED if key not in row]
    if missing:
        keys = ", ".join(f'"{key}"' for key in missing)
        return f"missing {keys} (a row needs track, context, text, band and flags)"
    for key in ("track", "text", "band"):
        if not isinstance(row[key], str):
            return f'"{key}" must be a string'
    if row["track"] not in TRACKS:
        hint = did_you_mean(row["track"], TRACKS)
        return f"unknown track '{row['track']}'{hint}; a track is junior or senior"
    if row["track"] != track:
        return (f"track is '{row['track']}' but the rubric is for the {track} track; give "
                f"{track} rows, or a {row['track']} rubric")
    if row.get("context") is not None and not isinstance(row["context"], str):
        return '"context" must be a string or null'
    if row["band"] not in BANDS:
        hint = did_you_mean(row["band"], BANDS)
        return f"unknown band '{row['band']}'{hint}; a band is strong, adequate or weak"
    flags = row["flags"]
    if not isinstance(flags, list) or not all(isinstance(f, str) for f in flags):
        return '"flags" must be a list of flag ids, such as ["hedging"] or []'
    for flag in flags:
        if flag not in flag_ids:
            known = ", ".join(sorted(flag_ids)) or "none"
            hint = did_you_mean(flag, flag_ids)
            return f"unknown flag '{flag}'{hint} (this rubric's flags: {known})"
    return None


def read_rows(
    path: Path, flag_ids: Collection[str], track: str,
) -> tuple[list[LabelledRow], list[Problem]]:
    """The rows of one labelled file and the problems of its bad lines.

    Raises `NotTrainingData` for a file that holds ratings but no band labels, and `OSError`
    when it cannot be read.
    """
    rows: list[LabelledRow] = []
    problems: list[Problem] = []
    unlabelled = objects = other_track = 0
    with path.open("rb") as stream:
        for number, raw in _lines(stream):
            if number > MAX_ROWS:
                problems.append(Problem(path, number, 1, f"more than {MAX_ROWS:,} rows; split "
                                        "the file or give a sample"))
                break
            if raw is None:
                problems.append(Problem(path, number, 1, f"line is over {MAX_LINE_BYTES:,} "
                                        "bytes; a row holds one reply of at most 5,000 characters"))
                continue
            row, wrong = _row(raw)
            if row is not None:
                if "receptive" in row:
                    raise NotTrainingData(_not_training(path, number))
                objects += 1
                unlabelled += "band" not in row
                wrong = _check(row, flag_ids, track)
                other_track += wrong is not None and wrong.startswith("track is")
            if wrong is not None:
                problems.append(Problem(path, number, 1, wrong))
                continue
            if row is None:
                continue
            rows.append(LabelledRow(
                path, number, track, row.get("context"), row["text"],
                BANDS.index(row["band"]), frozenset(row["flags"]),
            ))
    if objects and unlabelled == objects:
        raise NotTrainingData(_not_training(path, None))
    if not rows and other_track > 1 and other_track == len(problems):
        # One message for a file of the other track, not one per line.
        other = "junior" if track == "senior" else "senior"
        problems = [Problem(path, 1, 1, f"every row is for the {other} track but the rubric is "
                            f"for the {track} track; give {track} rows, or a {other} rubric")]
    return rows, problems


def _not_training(path: Path, line: int | None) -> str:
    where = f"{path}:{line}" if line is not None else str(path)
    return (f"{where}: these rows carry no band labels (like the external receptiveness "
            "ratings): such a file is a check on the scorer, not training data, and calibrate "
            "never fits on it; give replies labelled strong / adequate / weak as LABELS.md "
            "describes")
