"""Turn pydantic's errors into plain-worded problems at the right line of the trainer's file."""

from __future__ import annotations

import types
import typing
from collections.abc import Iterable, Iterator
from enum import Enum
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from simulator.loading.problems import LoadError, Problem, did_you_mean
from simulator.loading.yaml_source import Document, Path_
from simulator.model.detectors import DETECTOR_KINDS

M = TypeVar("M", bound=BaseModel)


def validate(document: Document, model: type[M]) -> M:
    """The document as `model`, or LoadError with one problem per thing wrong."""
    try:
        return model.model_validate(document.data)
    except ValidationError as exc:
        raise LoadError(list(_problems(document, model, exc.errors()))) from None


def _problems(
    document: Document, model: type[BaseModel], errors: Iterable[ErrorDetails]
) -> Iterator[Problem]:
    seen: set[Path_] = set()
    found: list[tuple[Path_, str, bool, ErrorDetails]] = []
    for error in errors:
        path = _data_path(document.data, error["loc"])
        if path in seen:
            continue  # one message per place: a union reports each member's complaint
        seen.add(path)
        message, at_key = _message(document, model, error, path)
        found.append((path, message, at_key, error))
    # "unknown key 'sya' — did you mean 'say'?" already explains the missing 'say'.
    suggested = {
        (*path[:-1], message.rsplit("'", 2)[-2])
        for path, message, _, error in found
        if error["type"] == "extra_forbidden" and "did you mean" in message
    }
    for path, message, at_key, error in found:
        if error["type"] == "missing" and path in suggested:
            continue
        yield document.problem(path, message, key=at_key)


def _data_path(data: Any, loc: tuple[int | str, ...]) -> Path_:
    """The part of pydantic's `loc` that names real data; the rest names union members."""
    path: list[int | str] = []
    node = data
    for at, part in enumerate(loc):
        if isinstance(part, str) and part in DETECTOR_KINDS and at + 1 < len(loc) \
                and isinstance(loc[at + 1], str) and loc[at + 1] != "[key]":
            # A detector's tag (`patterns`), followed by the field at fault: the tag names no
            # data of its own, even when the detector holds a key of the same name.
            continue
        if part == "[key]":
            # A bad mapping key: the key itself is the value at fault.
            node = path[-1] if path else None
            path.append(part)
        elif _holds(node, part):
            node = node[part]
            path.append(part)
        elif isinstance(node, dict) and isinstance(part, str) and part not in DETECTOR_KINDS:
            # A missing or unknown key: pydantic names it though the data lacks it.
            path.append(part)
            node = None
    return tuple(path)


def _holds(node: Any, part: int | str) -> bool:
    if isinstance(node, dict):
        return part in node
    return isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)


def _value_at(data: Any, path: Path_) -> Any:
    if path and path[-1] == "[key]":
        return path[-2]
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _message(
    document: Document,
    model: type[BaseModel],
    error: ErrorDetails,
    path: Path_,
) -> tuple[str, bool]:
    kind = error["type"]
    value = _value_at(document.data, path)
    at_key = bool(path) and path[-1] == "[key]"
    if at_key:
        path = path[:-1]
    name = path[-1] if path else ""
    if kind == "extra_forbidden":
        allowed = _keys_at(model, error["loc"][:-1])
        return f"unknown key '{name}'{did_you_mean(str(name), allowed)}", True
    if kind == "missing":
        return f"missing required key '{name}'", False
    if kind == "detector_kind":
        return _detector_message(value), False
    original = document.source.scalar_tags.get(path)
    if kind in {"string_type", "list_type", "dict_type", "model_type"} and original is not None:
        shown = value if original == "timestamp" else original
        return (
            f"expected text here, but YAML reads {shown!r} as "
            f"{_yaml_kind(value)}; put it in quotes: \"{original}\""
        ), False
    if kind == "string_pattern_mismatch" and at_key and "lexicons" in path:
        suggestion = _slugify(str(value)).replace("-", "_")
        return (
            f"{value!r} is not a valid lexicon name: use lower-case letters and digits joined "
            f"by hyphens or underscores, such as {suggestion!r}"
        ), at_key
    if kind == "string_pattern_mismatch" and _is_slug_error(error):
        return (
            f"{value!r} is not a valid id: use lower-case letters, digits and hyphens, "
            f"such as {_slugify(str(value))!r}"
        ), at_key
    if kind in _BOUNDS:
        bound = next(iter(error.get("ctx", {}).values()), "")
        return f"`{name}` must be {_BOUNDS[kind]} {bound}, not {value!r}", False
    if kind == "enum":
        expected = error.get("ctx", {}).get("expected", "")
        options = [option.strip(" '") for option in str(expected).replace(" or ", ",").split(",")]
        return (
            f"{value!r} is not one of: {', '.join(o for o in options if o)}"
            f"{did_you_mean(str(value), [o for o in options if o])}"
        ), False
    if kind == "literal_error":
        return f"{value!r} is not allowed here; expected {error['ctx']['expected']}", False
    if kind == "string_too_short":
        return "this text is empty; write something or remove the key", False
    if kind == "too_short":
        return f"this list needs at least {error['ctx']['min_length']} item(s)", False
    if kind == "too_long":
        return f"this list has more than {error['ctx']['max_length']} items", False
    message = error["msg"]
    for prefix in ("Value error, ", "Assertion failed, "):
        message = message.removeprefix(prefix)
    if kind in {"string_type", "int_type", "int_parsing", "float_type", "float_parsing",
                "bool_type", "bool_parsing", "list_type", "dict_type", "model_type"}:
        message = f"{_expected(kind)}, found {_describe(value)}"
    if message[1:2].islower():
        message = message[:1].lower() + message[1:]
    return message, at_key


_BOUNDS = {
    "greater_than": "greater than",
    "greater_than_equal": "at least",
    "less_than": "less than",
    "less_than_equal": "at most",
}

_EXPECTED = {
    "string": "expected text",
    "int": "expected a whole number",
    "float": "expected a number",
    "bool": "expected true or false",
    "list": "expected a list",
    "dict": "expected a mapping of keys",
    "model": "expected a mapping of keys",
}


def _expected(kind: str) -> str:
    return _EXPECTED[kind.split("_")[0]]


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"{_yaml_kind(value)} {value!r}"


def _yaml_kind(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean (true/false)"
    if isinstance(value, int | float):
        return "a number"
    if value is None:
        return "empty (null)"
    return "text"


def _is_slug_error(error: ErrorDetails) -> bool:
    return "a-z0-9" in str(error.get("ctx", {}).get("pattern", ""))


def _slugify(value: str) -> str:
    out = "".join(c if c.isalnum() else "-" for c in value.lower().strip())
    return "-".join(part for part in out.split("-") if part) or "my-id"


def _detector_message(value: Any) -> str:
    kinds = ", ".join(DETECTOR_KINDS)
    if not isinstance(value, dict):
        return f"a detector must be a mapping with one of: {kinds}"
    present = [key for key in value if key in DETECTOR_KINDS]
    if len(present) > 1:
        return (
            f"a detector has one kind, but this one has {', '.join(present)}; "
            "combine them with `any: [...]` or `all: [...]`"
        )
    options = {"unless_negated", "unless_undercut", "after_contrast", "position"}
    unknown = [key for key in value if key not in options]
    hint = did_you_mean(str(unknown[0]), DETECTOR_KINDS) if unknown else ""
    return f"a detector needs one of: {kinds}{hint}"


def _keys_at(model: type[BaseModel], loc: tuple[int | str, ...]) -> list[str]:
    """The keys a mapping at `loc` may hold, found by walking the model's annotations."""
    tp: Any = model
    for part in loc:
        tp = _step(tp, part)
        if tp is None:
            return []
    tp = _strip(tp)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return [field.alias or name for name, field in tp.model_fields.items()]
    return []


def _strip(tp: Any) -> Any:
    while typing.get_origin(tp) is typing.Annotated:
        tp = typing.get_args(tp)[0]
    return tp


def _members(tp: Any) -> list[Any]:
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        return [_strip(member) for member in typing.get_args(tp) if member is not type(None)]
    return [tp]


def _step(tp: Any, part: int | str) -> Any:
    tp = _strip(tp)
    members = _members(tp)
    if len(members) > 1:
        if isinstance(part, str) and part in DETECTOR_KINDS:
            return DETECTOR_KINDS[part]
        for member in members:
            if _step(member, part) is not None:
                return _step(member, part)
        # pydantic names a union member (e.g. "list[...]"): stay at the union.
        return tp
    tp = members[0]
    origin = typing.get_origin(tp)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        for name, field in tp.model_fields.items():
            if part in (name, field.alias):
                return field.annotation
        return None
    if origin is list and isinstance(part, int):
        return typing.get_args(tp)[0]
    if origin is dict:
        return typing.get_args(tp)[1]
    if isinstance(tp, type) and issubclass(tp, Enum):
        return None
    return None
