"""The anonymous export: one learner's attempts as scores, bands, ids and a pseudonym.

It never holds what anyone wrote or read: `build_export` copies a whitelist of fields, and
`parse_export` accepts only those fields, only ids shaped like ids (so no sentence can hide in
one), and refuses a file that holds reply text under any key.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Annotated, Any, Literal, Protocol

from pydantic import AfterValidator, Field, StringConstraints, ValidationError

from simulator.model import Band, Outcome, Slug, Strict, Track
from simulator.safety import bounds
from simulator.safety.files import read_bounded

FORMAT: Literal["upward-anonymous-export"] = "upward-anonymous-export"
VERSION: Literal[1] = 1
TEXT_KEYS = frozenset({"text", "response", "responses", "reply", "replies", "prompt", "say"})
"""Keys that carry conversation text in Upward's other files; their presence fails the file."""

MAX_EXPORT_BYTES = 16 << 20
"""A learner's whole history as figures is a few hundred kilobytes; a cohort file is no bigger."""
MAX_ID_WORDS = 6
"""The longest id in the shipped library has five words; a longer one reads like a sentence."""
PRONOUNS = frozenset({
    "i", "me", "my", "mine", "you", "your", "he", "him", "his", "she", "her", "they", "them",
    "their", "we", "us", "our",
})


def _id_shaped(value: str) -> str:
    """An id, not a sentence written with hyphens: `i-told-him-he-was-wrong` is refused."""
    words = value.replace("_", "-").split("-")
    if len(words) > MAX_ID_WORDS or len(value) > 48 or sum(w in PRONOUNS for w in words) >= 2:
        raise ValueError(f"'{value}' reads like a sentence, not an id; an anonymous export holds "
                         "only scenario, beat, criterion and flag ids")
    return value


ExportSlug = Annotated[Slug, AfterValidator(_id_shaped)]
"""A slug that could be a library id: short, and not a sentence in disguise."""

Pseudonym = Annotated[str, StringConstraints(pattern=r"^[a-z]+-[0-9a-f]{8,64}$")]
Digest = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{16,128}$")]


class ExportTurn(Strict):
    """One answered turn, without its text."""

    turn: Annotated[int, Field(ge=1)]
    beat: ExportSlug
    band: Band
    score: Annotated[float, Field(ge=0, le=1)]
    met: list[ExportSlug]
    missed: list[ExportSlug]
    flags: list[ExportSlug]
    focus: list[ExportSlug]
    """Which of `met` and `missed` are the beat's own focus criteria, not the rubric's."""


class ExportAttempt(Strict):
    """One attempt: which scenario, how it ended, its turns."""

    number: Annotated[int, Field(ge=1)]
    """The attempt's number in the learner's history (merging keeps the fullest copy of each)."""
    scenario: ExportSlug
    scenario_hash: Digest
    track: Track
    ending: ExportSlug | None
    outcome: Outcome | None
    turns: list[ExportTurn]


class AnonymousExport(Strict):
    """A whole anonymous export file."""

    format: Literal["upward-anonymous-export"]
    version: Literal[1]
    pseudonym: Pseudonym
    """Random and fresh for each export (`--link` reuses the history's lasting one); never a
    name. Two exports holding the same attempts are still recognised as one learner's."""
    attempts: list[ExportAttempt]


class TurnLike(Protocol):
    @property
    def turn(self) -> int: ...
    @property
    def beat(self) -> str: ...
    @property
    def band(self) -> Band: ...
    @property
    def score(self) -> float: ...
    @property
    def met(self) -> list[str]: ...
    @property
    def missed(self) -> list[str]: ...
    @property
    def flags(self) -> list[str]: ...
    @property
    def focus(self) -> list[str]: ...


class AttemptLike(Protocol):
    """What `build_export` reads of an attempt (the history's `Attempt` has it)."""

    @property
    def id(self) -> int: ...
    @property
    def scenario_id(self) -> str: ...
    @property
    def scenario_hash(self) -> str: ...
    @property
    def track(self) -> Track: ...
    @property
    def ending(self) -> str | None: ...
    @property
    def outcome(self) -> Outcome | None: ...
    @property
    def turns(self) -> Sequence[TurnLike]: ...


def build_export(pseudonym: str, attempts: Iterable[AttemptLike]) -> AnonymousExport:
    """The export of these attempts, oldest first: only whitelisted fields are read."""
    return AnonymousExport(
        format=FORMAT,
        version=VERSION,
        pseudonym=pseudonym,
        attempts=[
            ExportAttempt(
                number=a.id, scenario=a.scenario_id, scenario_hash=a.scenario_hash,
                track=a.track, ending=a.ending, outcome=a.outcome,
                turns=[
                    ExportTurn(
                        turn=t.turn, beat=t.beat, band=t.band, score=round(t.score, 4),
                        met=t.met, missed=t.missed, flags=t.flags, focus=t.focus,
                    )
                    for t in a.turns
                ],
            )
            for a in sorted(attempts, key=lambda a: a.id)
        ],
    )


def dump_export(export: AnonymousExport) -> str:
    return json.dumps(export.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"


class ExportError(ValueError):
    """A file that is not a usable anonymous export; the message starts with its name."""


def read_export(path: Path) -> AnonymousExport:
    try:
        raw = read_bounded(path, MAX_EXPORT_BYTES)  # never /dev/zero or a FIFO
    except OSError as exc:
        raise ExportError(f"{path}: cannot read it ({exc.strerror or exc})") from exc
    return parse_export(raw, str(path))


def parse_export(raw: bytes | str, name: str) -> AnonymousExport:
    """Check and parse one export file's content; ExportError says what is wrong with it."""
    try:
        data = bounds.loads(raw)
    except bounds.LimitError as exc:
        raise ExportError(f"{name}: {exc}, so not an anonymous export") from exc
    except RecursionError as exc:
        raise ExportError(f"{name}: nested too deeply to be an anonymous export") from exc
    except UnicodeDecodeError as exc:
        raise ExportError(f"{name}: not UTF-8 text, so not an anonymous export") from exc
    except json.JSONDecodeError as exc:
        raise ExportError(
            f"{name}: not JSON ({exc.msg} at line {exc.lineno}, column {exc.colno}); "
            f"make exports with `upward export --anonymous`"
        ) from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ExportError(
            f"{name}: not an Upward anonymous export (no \"format\": \"{FORMAT}\"); "
            f"make one with `upward export --anonymous`"
        )
    if data.get("version") != VERSION:
        raise ExportError(
            f"{name}: anonymous export format version {data.get('version')!r}; this Upward "
            f"reads version {VERSION}"
        )
    try:
        where = _text_key(data, "")
    except RecursionError as exc:
        raise ExportError(f"{name}: nested too deeply to be an anonymous export") from exc
    if where is not None:
        raise ExportError(
            f"{name}: holds conversation text ({where}); an anonymous export never does, so "
            f"this file is refused. Share the output of `upward export --anonymous` instead"
        )
    try:
        return AnonymousExport.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        more = exc.error_count() - 1
        also = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
        raise ExportError(f"{name}: {_loc(first['loc'])}: {first['msg']}{also}") from exc


def _text_key(value: Any, path: str) -> str | None:
    """Where the first key that carries conversation text is, if any."""
    if isinstance(value, dict):
        for key, item in value.items():
            here = f"{path}.{key}" if path else str(key)
            if str(key).lower() in TEXT_KEYS:
                return f"key \"{key}\" at {here}"
            found = _text_key(item, here)
            if found:
                return found
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found = _text_key(item, f"{path}[{index}]")
            if found:
                return found
    return None


def _loc(loc: tuple[int | str, ...]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "the file"
