"""Random damage to a valid scenario never escapes as anything but the loader's own problems."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from simulator.loading import LoadError, load_document, load_files, load_library
from simulator.loading.validation import validate
from simulator.model import Scenario
from tests.helpers import FIXTURES

LIBRARY = FIXTURES / "foundation/library"
VALID = LIBRARY / "scenarios/junior/mini-dashboard.yaml"
TEXT = VALID.read_text(encoding="utf-8")
LINES = TEXT.splitlines(keepends=True)
RUBRICS = load_library(LIBRARY).rubrics

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-5, 5), st.floats(allow_nan=False, width=16),
    st.text(max_size=12), st.sampled_from(["opening", "curious", "redesign", "strong", "trust"]),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                 max_size=3),
    max_leaves=8,
)


def _check(path: Path) -> None:
    library = load_files([path], extra_rubrics=RUBRICS)
    for problem in library.problems:
        assert problem.line >= 1 and problem.column >= 1
        assert problem.message


@st.composite
def text_mutations(draw: st.DrawFn) -> str:
    lines = list(LINES)
    for _ in range(draw(st.integers(1, 4))):
        index = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "insert", "indent", "dedent",
                                       "truncate"]))
        if action == "delete":
            del lines[index]
        elif action == "duplicate":
            lines.insert(index, lines[index])
        elif action == "insert":
            lines.insert(index, draw(st.text(max_size=30)) + "\n")
        elif action == "indent":
            lines[index] = "  " + lines[index]
        elif action == "dedent":
            lines[index] = lines[index].lstrip()
        else:
            lines[index] = lines[index][: draw(st.integers(0, len(lines[index])))] + "\n"
        if not lines:
            break
    return "".join(lines)


FIXTURE_OK = [HealthCheck.function_scoped_fixture]


@settings(max_examples=150, deadline=None, suppress_health_check=FIXTURE_OK)
@given(text=text_mutations())
def test_text_mutations_only_ever_give_problems(tmp_path_factory, text: str) -> None:
    path = tmp_path_factory.mktemp("m") / "mini-dashboard.yaml"
    path.write_text(text, encoding="utf-8")
    _check(path)


def _paths(data: Any, prefix: tuple = ()) -> list[tuple]:
    found = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _paths(value, (*prefix, index))
    return found


BASE = load_document(VALID).data
ALL_PATHS = [p for p in _paths(BASE) if p]


@settings(max_examples=200, deadline=None, suppress_health_check=FIXTURE_OK)
@given(where=st.sampled_from(ALL_PATHS), new=values)
def test_data_mutations_only_ever_give_problems(tmp_path_factory, where: tuple, new: Any) -> None:
    data = yaml.safe_load(TEXT)
    node = data
    for part in where[:-1]:
        node = node[part]
    node[where[-1]] = new
    path = tmp_path_factory.mktemp("d") / "mini-dashboard.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    _check(path)
    try:
        validate(load_document(path), Scenario)
    except LoadError as exc:
        assert exc.problems
