"""Shared lexicons under rubrics/lexicons/: loaded with the rubrics, checked, used by name."""

from __future__ import annotations

from pathlib import Path

from simulator.loading import load_files, load_library
from simulator.scoring import CompiledRubric
from tests.helpers import run_upward

RUBRIC = """\
id: t
title: T
track: senior
bands: {strong: 0.7, adequate: 0.4}
criteria:
  - id: owns
    label: Owns a gap
    detect: {patterns: ["i (had|did)? not @realise"]}
    examples:
      match: ["I hadn't noticed the rota, thank you."]
      no_match: ["I noticed the rota already."]
"""

SHARED = """\
# yaml-language-server: $schema=../../schemas/lexicon.schema.json
description: Words for noticing.
lexicons:
  realise: [realise, consider, "@seeing"]
  seeing: [notice, see]
"""


def library(tmp_path: Path, rubric: str = RUBRIC, shared: str = SHARED) -> Path:
    (tmp_path / "scenarios").mkdir()
    (tmp_path / "rubrics" / "lexicons").mkdir(parents=True)
    (tmp_path / "rubrics" / "t.yaml").write_text(rubric)
    (tmp_path / "rubrics" / "lexicons" / "common.yaml").write_text(shared)
    return tmp_path


def test_a_shared_lexicon_is_used_by_name(tmp_path: Path) -> None:
    loaded = load_library(library(tmp_path))
    assert [str(p) for p in loaded.problems] == []
    compiled = CompiledRubric.compile(loaded.rubrics["t"].model)
    assert compiled.score("I hadn't noticed that at all.").met == ["owns"]


def test_loading_only_the_rubric_file_brings_its_shared_lexicons(tmp_path: Path) -> None:
    root = library(tmp_path)
    loaded = load_files([root / "rubrics" / "t.yaml"])
    assert [str(p) for p in loaded.problems] == []
    assert "realise" in loaded.rubrics["t"].model.lexicons


def test_an_unknown_name_is_reported_at_its_line_with_a_suggestion(tmp_path: Path) -> None:
    root = library(tmp_path, RUBRIC.replace("@realise", "@realize"))
    problems = [str(p) for p in load_library(root).problems]
    assert problems == [
        f"{root / 'rubrics' / 't.yaml'}:8:25: no lexicon named 'realize' — did you mean "
        "'realise'? (known: realise, seeing); define it under `lexicons:` in this rubric or in "
        "rubrics/lexicons/"
    ]


def test_strong_needs_one_of_names_criteria_and_says_where_it_does_not(tmp_path: Path) -> None:
    fine = RUBRIC.replace("criteria:\n", "strong_needs_one_of: [owns, asks]\ncriteria:\n") + (
        "  - id: asks\n    label: Asks\n    detect: {question: open}\n")
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    assert [str(p) for p in load_library(library(tmp_path / "a", fine)).problems] == []
    root = library(tmp_path / "b", fine.replace("[owns, asks]", "[owns, ask]"))
    assert [str(p) for p in load_library(root).problems] == [
        f"{root / 'rubrics' / 't.yaml'}:5:29: no criterion 'ask' in this rubric — did you mean "
        "'asks'?"
    ]


def test_strong_needs_names_criteria_and_flags_and_says_where_it_does_not(
    tmp_path: Path,
) -> None:
    needs = ("strong_needs:\n  any:\n    - met: [asks]\n    - all: [{met: [owns]}, "
             "{words: {min: 20}}]\ncriteria:\n")
    fine = RUBRIC.replace("criteria:\n", needs) + (
        "  - id: asks\n    label: Asks\n    detect: {question: open}\n")
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "c").mkdir()
    assert [str(p) for p in load_library(library(tmp_path / "a", fine)).problems] == []
    root = library(tmp_path / "b", fine.replace("met: [asks]", "met: [ask]"))
    assert [str(p) for p in load_library(root).problems] == [
        f"{root / 'rubrics' / 't.yaml'}:7:13: no criterion 'ask' in this rubric — did you "
        "mean 'asks'?"
    ]
    root = library(tmp_path / "c", fine.replace("met: [asks]", "phrases: ['@realize']"))
    assert [str(p).split(" — ")[0] for p in load_library(root).problems] == [
        f"{root / 'rubrics' / 't.yaml'}:7:17: no lexicon named 'realize'"
    ]


def test_a_name_defined_twice_is_refused(tmp_path: Path) -> None:
    root = library(tmp_path, RUBRIC.replace("criteria:", "lexicons:\n  seeing: [look]\ncriteria:"))
    (root / "rubrics" / "lexicons" / "more.yaml").write_text("lexicons:\n  realise: [get]\n")
    problems = [str(p) for p in load_library(root).problems]
    assert any("more.yaml:2:3: lexicon 'realise' is already defined in" in p for p in problems)
    assert any("t.yaml:6:3: lexicon 'seeing' is also defined in" in p for p in problems)


def test_a_broken_lexicon_file_is_reported_with_its_line(tmp_path: Path) -> None:
    root = library(tmp_path, shared="lexicons:\n  realise: [realise, 'yes, but']\n  typo: [x]\n"
                   "extra: 1\n")
    problems = [str(p) for p in load_library(root).problems]
    assert any("common.yaml:2:22: lexicon entry 'yes, but' must be plain words" in p
               for p in problems)
    assert any("common.yaml:4:1: unknown key 'extra'" in p for p in problems)


def test_a_beat_focus_may_not_use_lexicons(tmp_path: Path) -> None:
    root = library(tmp_path)
    (root / "scenarios" / "senior").mkdir()
    (root / "scenarios" / "senior" / "s.yaml").write_text("""\
id: s
title: S
track: senior
rubric: t
difficulty: 1
summary: s
briefing: b
counterpart: {name: A, role: B}
start: opening
beats:
  opening:
    say: Hello
    focus:
      - {id: f, label: F, detect: {phrases: ["@realise"]}}
    next:
      - to: done
endings:
  done: {say: Bye, outcome: success, debrief: d}
""")
    problems = [str(p) for p in load_library(root).problems]
    assert any("s.yaml:14:46: `@realise`: a beat's focus cannot use lexicons" in p
               for p in problems), problems


def test_upward_test_checks_rubric_examples_and_shows_what_matched(tmp_path: Path) -> None:
    root = library(tmp_path)
    ok = run_upward("--library", str(root), "test", str(root))
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "2 rubric examples, 2 passed, 0 failed" in ok.stdout
    broken = RUBRIC.replace('"I noticed the rota already."', '"I did not see the rota."')
    (root / "rubrics" / "t.yaml").write_text(broken)
    failed = run_upward("--library", str(root), "test", str(root))
    assert failed.returncode == 1
    lines = failed.stdout.splitlines()
    assert lines[0] == (
        f"{root / 'rubrics' / 't.yaml'}:11:18: criterion 'owns': example \"I did not see the "
        "rota.\" should not meet it but does"
    )
    assert lines[1:4] == ["  score 1.00 (strong)", '  met: owns "I did not see"', "  flags: none"]
    assert lines[-1].endswith("2 rubric examples, 1 passed, 1 failed")
