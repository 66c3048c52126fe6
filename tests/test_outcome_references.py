"""`met` and `raised`: a criterion or flag that depends on what else the reply did.

Scored without the UI; the loader's refusals are read through `upward validate`, the real entry
point, with the file and line a trainer would open.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.loading import load_library
from simulator.scoring import CompiledRubric
from tests.helpers import run_upward

FOUNDATION = Path(__file__).parent / "fixtures" / "foundation" / "library"

RUBRIC = """\
id: t
title: T
track: senior
bands: {strong: 0.7, adequate: 0.4}
criteria:
  - id: thanks
    label: Thanks them
    detect: {phrases: [thank you, thanks]}
  - id: asks
    label: Asks and thanks
    detect:
      all:
        - {question: any}
        - {met: [thanks]}
flags:
  - id: brushes_off
    label: Brushes it off
    penalty: 0.2
    feedback: Take up their point before you answer it.
    note: "Whole reply: nothing in it takes up their point"
    detect:
      all:
        - not: {met: [thanks, asks]}
        - not: {raised: [rank]}
        - words: {min: 4}
  - id: rank
    label: Pulls rank
    penalty: 0.2
    feedback: Let the point stand on its merits.
    detect: {phrases: [in my experience]}
"""


def library(tmp_path: Path, rubric: str) -> Path:
    """A library holding one rubric, `rubrics/t.yaml`, and no scenarios."""
    (tmp_path / "scenarios").mkdir()
    (tmp_path / "rubrics").mkdir()
    (tmp_path / "rubrics" / "t.yaml").write_text(rubric)
    return tmp_path


def compiled(tmp_path: Path, rubric: str = RUBRIC) -> CompiledRubric:
    loaded = load_library(library(tmp_path, rubric))
    assert [str(p) for p in loaded.problems] == []
    return CompiledRubric.compile(loaded.rubrics["t"].model)


def test_a_criterion_uses_one_above_it_and_its_evidence(tmp_path: Path) -> None:
    rubric = compiled(tmp_path)
    text = "Thank you. What happened on Tuesday?"
    result = rubric.score(text)
    assert result.met == ["thanks", "asks"]
    asks = result.criteria[1]
    # The question and the thanks both did the work of "asks and thanks".
    assert [text[a:b] for a, b in asks.evidence] == ["Thank you", "What happened on Tuesday?"]
    assert rubric.score("What happened on Tuesday?").met == []


def test_a_flag_stands_only_when_nothing_else_explains_the_reply(tmp_path: Path) -> None:
    rubric = compiled(tmp_path)
    result = rubric.score("The rota is staying exactly as it is.")
    assert result.flag_ids == ["brushes_off"]
    flag = result.flags[0]
    assert flag.evidence == ()
    assert flag.note == "Whole reply: nothing in it takes up their point"
    # Thanked: not brushed off. Another flag explains it: that one alone.
    assert rubric.score("Thanks, the rota is staying exactly as it is.").flag_ids == []
    assert rubric.score("In my experience the rota works as it is.").flag_ids == ["rank"]
    # Too short for the rubric's length test.
    assert rubric.score("No.").flag_ids == []


def test_flags_are_judged_after_the_ones_they_name_but_reported_in_file_order(
    tmp_path: Path,
) -> None:
    rubric = compiled(tmp_path, RUBRIC.replace("not: {raised: [rank]}", "{raised: [rank]}"))
    # `brushes_off` now needs `rank`, which comes after it in the file: judged first anyway.
    result = rubric.score("In my experience the rota works as it is.")
    assert result.flag_ids == ["brushes_off", "rank"]
    assert result.flags[0].evidence == result.flags[1].evidence


def refusal(tmp_path: Path, rubric: str) -> str:
    done = run_upward("validate", "--library", str(library(tmp_path, rubric)))
    assert done.returncode == 1, done.stdout + done.stderr
    return (done.stdout + done.stderr).replace(str(tmp_path / "rubrics" / "t.yaml"), "t.yaml")


@pytest.mark.parametrize(("old", "new", "message"), [
    ("{met: [thanks]}", "{met: [thank]}",
     "t.yaml:14:18: no criterion 'thank' in this rubric — did you mean 'thanks'?"),
    ("{met: [thanks]}", "{met: [rank]}",
     "t.yaml:14:18: 'rank' is a flag; `met` names criteria, so write `raised: [rank]`"),
    ("{met: [thanks]}", "{raised: [rank]}",
     "t.yaml:14:21: `raised: [rank]` in a criterion: criteria are judged before flags, so a "
     "criterion cannot depend on one; move this test into a flag"),
    ("{met: [thanks]}", "{met: [asks]}",
     "t.yaml:14:18: `met: [asks]` names this criterion itself; name another one"),
    ("detect: {phrases: [thank you, thanks]}", "detect: {met: [asks]}",
     "t.yaml:8:20: criterion 'asks' comes after this one; criteria are judged in file order, "
     "so move it above this one"),
    ("not: {raised: [rank]}", "not: {raised: [ranks]}",
     "t.yaml:24:26: no flag 'ranks' in this rubric — did you mean 'rank'?"),
    ("detect: {phrases: [in my experience]}", "detect: {raised: [brushes_off]}",
     "t.yaml:22:7: flags depend on each other in a loop: brushes_off -> rank -> brushes_off; a "
     "flag judged by another cannot judge it back: drop one of the `raised` names"),
])
def test_a_reference_that_cannot_hold_is_refused_at_its_line(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    assert old in RUBRIC
    assert message in refusal(tmp_path, RUBRIC.replace(old, new))


def test_a_flag_naming_itself_is_told_so_once(tmp_path: Path) -> None:
    out = refusal(tmp_path, RUBRIC.replace("not: {raised: [rank]}", "not: {raised: [brushes_off]}"))
    assert "t.yaml:24:26: `raised: [brushes_off]` names this flag itself; name another one" in out
    assert "loop" not in out
    assert "1 problem," in out


def test_a_beats_focus_cannot_use_the_rubrics_results(tmp_path: Path) -> None:
    root = FOUNDATION
    (tmp_path / "rubrics").mkdir()
    for rubric in (root / "rubrics").glob("*.yaml"):
        (tmp_path / "rubrics" / rubric.name).write_text(rubric.read_text())
    (tmp_path / "scenarios" / "junior").mkdir(parents=True)
    scenario = (root / "scenarios" / "junior" / "mini-dashboard.yaml").read_text()
    opening = '    say: "So, you wanted to talk about the board dashboard?"\n'
    assert opening in scenario
    scenario = scenario.replace(opening, opening + (
        "    focus:\n"
        "      - id: uses_met\n"
        "        label: Uses met\n"
        "        detect: {met: [anything]}\n"
    ))
    (tmp_path / "scenarios" / "junior" / "mini-dashboard.yaml").write_text(scenario)
    done = run_upward("validate", "--library", str(tmp_path))
    out = done.stdout + done.stderr
    assert done.returncode == 1, out
    assert "mini-dashboard.yaml:25:24: `met`: a beat's focus cannot use the rubric's results; " \
        "move the criterion into the rubric" in out
