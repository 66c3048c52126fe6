"""`upward validate` checks each scenario as it loads and lets it go: the same problems as
loading the whole library and checking it after, with less held at once; and the shortcuts
the loader and the pattern compiler take give what the long way gives."""

from __future__ import annotations

import gc
import random
import shutil
import weakref
from pathlib import Path

import yaml

from simulator.engine.checks import ValidationChecks, validation_problems
from simulator.engine.machine import build_machine, discard_machine
from simulator.engine.replay import replay_example
from simulator.engine.runtime import RubricBook
from simulator.engine.session import Session
from simulator.loading import load_library
from simulator.loading.library import load_rubrics
from simulator.loading.problems import Problem
from simulator.loading.yaml_source import _CLoader, _tab_indents, load_document
from simulator.model import patterns as syntax
from simulator.scoring.patterns import PatternCompiler
from tests.helpers import REPO, run_upward
from tests.test_engine_workbench import copies


def broken_library(root: Path) -> Path:
    """Copies of a shipped scenario: one example that misses, one id used twice, one bad key."""
    copies(root, 4, break_first_example=True)
    junior = root / "scenarios" / "junior"
    senior = root / "scenarios" / "senior"
    senior.mkdir()
    shutil.copy(junior / "board-dashboard-1.yaml", senior / "board-dashboard-1.yaml")
    text = (junior / "board-dashboard-2.yaml").read_text(encoding="utf-8")
    (junior / "board-dashboard-2.yaml").write_text(text.replace("title:", "titel:", 1),
                                                   encoding="utf-8")
    return root


def kept(root: Path) -> list[Problem]:
    """The long way: every scenario loaded and kept, then checked."""
    library = load_library(root)
    return sorted([*library.problems, *validation_problems(library)])


def test_checking_as_it_loads_finds_what_checking_after_finds(tmp_path: Path) -> None:
    root = broken_library(tmp_path)
    streamed = load_library(root, check=ValidationChecks())
    assert sorted(streamed.problems) == kept(root)
    assert any("is already used by" in p.message and "junior" in p.message
               for p in streamed.problems)
    assert any("example" in p.message for p in streamed.problems)
    # Checked scenarios are let go; only their ids and files are kept.
    assert streamed.scenarios == {}
    assert sorted(streamed.checked) == ["board-dashboard-0", "board-dashboard-1",
                                        "board-dashboard-3"]
    assert streamed.scenario_count == len(load_library(root).scenarios)


def test_the_shipped_library_checks_alike_either_way() -> None:
    streamed = load_library(REPO, check=ValidationChecks())
    assert sorted(streamed.problems) == kept(REPO)
    assert streamed.scenario_count == len(load_library(REPO).scenarios)


def test_validate_prints_the_same_lines_for_a_folder_as_for_its_files(tmp_path: Path) -> None:
    root = broken_library(tmp_path)
    whole = run_upward("--library", str(root), "validate")
    named = run_upward("--library", str(root), "validate", str(root / "scenarios"))
    assert whole.returncode == named.returncode == 1
    assert whole.stdout.splitlines()[:-1] == named.stdout.splitlines()[:-1]
    assert whole.stdout.splitlines()[-1].endswith("; 3 scenarios and 2 rubrics loaded.")
    assert named.stdout.splitlines()[-1].endswith("; 3 scenarios and 0 rubrics loaded.")


def test_a_released_session_and_a_discarded_machine_go_without_the_collector() -> None:
    library = load_library(REPO)
    loaded = next(iter(library.scenarios.values()))
    rubric = RubricBook.of(library).get(loaded.model.rubric)
    assert rubric is not None
    machine = build_machine(loaded.model)
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        session = Session(loaded.model, rubric)
        gone = weakref.ref(session)
        session.release()
        del session
        assert gone() is None
        lost = weakref.ref(machine)
        discard_machine(machine)
        del machine
        assert lost() is None
        run = replay_example(loaded.model, rubric, loaded.model.examples[0])
        assert run.passed  # a replay releases its session and still reports its run
    finally:
        if was_enabled:
            gc.enable()


def _slow_tab_indents(text: str) -> tuple[list[tuple[int, int]], int]:
    """What `_tab_indents` computed before its fast path: line by line."""
    tabs, deepest = [], 0
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.lstrip(" \t")
        if not stripped:
            continue
        indent = line[: len(line) - len(stripped)]
        deepest = max(deepest, len(indent))
        if "\t" in indent:
            tabs.append((number, indent.index("\t") + 1))
    return tabs, deepest


def test_the_indentation_scan_agrees_with_reading_line_by_line() -> None:
    rng = random.Random(14)
    alphabet = [" ", " ", " ", "\n", "\n", "a", "-", ":", "#", "\t", "\r", "\x0b", "\u2028"]
    texts = [path.read_text(encoding="utf-8") for path in REPO.rglob("*.yaml")]
    texts += ["".join(rng.choice(alphabet[: 9 + n % 5]) for _ in range(rng.randint(0, 40)))
              for n in range(20_000)]
    path = Path("x.yaml")
    for text in texts:
        problems, deepest = _tab_indents(path, text)
        assert ([(p.line, p.column) for p in problems], deepest) == _slow_tab_indents(text)


def test_plain_scalars_get_the_tags_pyyaml_gives_them() -> None:
    values = ["no", "No", "yes", "off", "on", "true", "12:30", "1.10", "0x1F", "~", "null",
              "", "2024-01-01", "1_000", ".inf", "-.5", "+3", "=", "<<", "say", "next",
              "Fine.", "No.", "'quoted'", '"no"', "|\n  no\n", "[no, 1, x]", "{a: no}"]
    text = "".join(f"k{n}: {value}\n" if "\n" not in value else f"k{n}: {value}"
                   for n, value in enumerate(values))
    for _ in range(2):  # the second time from what the first remembered
        ours = _CLoader(text).get_single_node()
        theirs = yaml.compose(text, Loader=yaml.SafeLoader)
        assert _tags(ours) == _tags(theirs)


def _tags(node: yaml.Node) -> list[str]:
    if isinstance(node, yaml.ScalarNode):
        return [node.tag]
    if isinstance(node, yaml.SequenceNode):
        return [node.tag, *(t for item in node.value for t in _tags(item))]
    return [node.tag, *(t for k, v in node.value for t in (*_tags(k), *_tags(v)))]


def test_text_with_an_escaped_control_character_is_still_noted(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text('id: s\nsay: "look \\e[31mhere"\nplain: fine\n', encoding="utf-8")
    document = load_document(path)
    assert document.data["say"] == "look here"  # the escape sequence removed
    assert [p.line for p in document.notes] == [2]
    clean = tmp_path / "c.yaml"
    clean.write_text("id: c\nsay: look here & there\n", encoding="utf-8")
    assert load_document(clean).data == {"id": "c", "say": "look here & there"}


def test_a_pattern_compiles_alike_alone_or_beside_the_rubric_s_others() -> None:
    for loaded in load_rubrics(REPO).rubrics.values():
        rubric = loaded.model
        shared = PatternCompiler(rubric.lexicons)
        patterns = [p for item in [*rubric.criteria, *rubric.flags]
                    for p in _patterns(item.detect)]
        assert len(patterns) > 100
        for pattern in patterns:
            node = syntax.read_pattern(pattern)
            assert shared.compile(node) == PatternCompiler(rubric.lexicons).compile(node)


def _patterns(detector: object) -> list[str]:
    found = list(getattr(detector, "patterns", None) or [])
    for name in ("any", "all"):
        for inner in getattr(detector, name, None) or []:
            found += _patterns(inner)
    for name in ("not_", "given"):
        inner = getattr(detector, name, None)
        if inner is not None:
            found += _patterns(inner)
    count = getattr(detector, "count", None)
    for inner in getattr(count, "of", None) or []:
        found += _patterns(inner)
    return found
