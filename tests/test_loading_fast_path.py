"""libyaml's fast path and the careful Python path read a clean file identically."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.loading import yaml_source
from simulator.loading.yaml_source import load_document, read_text
from tests.helpers import FIXTURES, REPO

CLEAN = sorted(
    [*REPO.glob("rubrics/*.yaml"), *REPO.glob("scenarios/*/*.yaml"),
     *FIXTURES.glob("*/library/*/*.yaml"), *FIXTURES.glob("*/library/scenarios/*/*.yaml")]
)


def careful(path: Path, monkeypatch: pytest.MonkeyPatch) -> yaml_source.Document:
    with monkeypatch.context() as patch:
        patch.setattr(yaml_source, "_fast_document", lambda *args: None)
        return load_document(path)


@pytest.mark.skipif(yaml_source.CParser is None, reason="PyYAML has no libyaml here")
@pytest.mark.parametrize("path", CLEAN, ids=lambda p: p.name)
def test_both_paths_give_the_same_data_and_positions(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = read_text(path)
    fast = yaml_source._fast_document(path, text, 0)
    assert fast is not None, "a clean file should take the fast path"
    slow = careful(path, monkeypatch)
    assert fast.data == slow.data
    assert fast.source.scalar_tags == slow.source.scalar_tags
    for where in slow.source.values:
        assert fast.source.locate(where) == slow.source.locate(where), where
    for where in slow.source.keys:
        assert fast.source.locate(where, key=True) == slow.source.locate(where, key=True)


def test_aliases_within_the_bound_stay_fast(tmp_path: Path) -> None:
    fast = yaml_source._fast_document(tmp_path / "a.yaml", "a: &x [1, 2]\nb: *x\n", 0)
    assert fast is not None
    assert fast.data == {"a": [1, 2], "b": [1, 2]}


@pytest.mark.parametrize(
    "text",
    [
        "a: &x [1]\n" + "".join(f"b{i}: *x\n" for i in range(1001)),  # past the alias bound
        "a: " + "[" * 50 + "]" * 50 + "\n",  # nesting past the bound
        "a: 1\na: 2\n",                     # a duplicate key
        "a: !!python/name:os.system x\n",   # a tag that is not plain YAML
        "a: b: c\n",                        # a syntax error
    ],
)
def test_anything_unusual_goes_the_careful_way(text: str, tmp_path: Path) -> None:
    path = tmp_path / "odd.yaml"
    assert yaml_source._fast_document(path, text, 0) is None


def test_many_brackets_skip_libyaml_entirely(tmp_path: Path) -> None:
    # libyaml composes recursively in C with no bound: a bracket bomb must never reach it.
    text = "a: " + "[" * 100_000 + "\n"
    assert yaml_source._fast_document(tmp_path / "bomb.yaml", text, 0) is None
