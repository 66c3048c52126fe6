"""`upward calibrate` through the real entry point: fitting, writing back, refusing."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from simulator.cli.main import main
from tests.helpers import FIXTURES, run_upward

HERE = FIXTURES / "calibration"
RUBRIC = HERE / "cal-openness.yaml"
LABELLED = HERE / "labelled.jsonl"
AGREES = HERE / "agrees.jsonl"
"""The same replies labelled with the bands the rubric already gives: nothing to gain."""
NUMBER_LINE = re.compile(r"^\s*(weight|penalty):|^bands:")


def calibrate(*args: str | Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["calibrate", *map(str, args)])
    out, err = capsys.readouterr()
    return code, out, err


def agreement(out: str, row: str) -> tuple[float, float]:
    """(before, after) from a row of the agreement table."""
    [line] = [line for line in out.splitlines() if line.lstrip().startswith(row)]
    before, after = re.findall(r"(\d\.\d{3}) \(\d+/\d+\)", line)
    return float(before), float(after)


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """A library holding a copy of the fixture rubric, free to be written."""
    (tmp_path / "scenarios").mkdir()
    (tmp_path / "rubrics").mkdir()
    shutil.copy(RUBRIC, tmp_path / "rubrics" / RUBRIC.name)
    return tmp_path


def test_the_fit_improves_agreement_and_says_what_changed() -> None:
    result = run_upward("calibrate", str(RUBRIC), str(LABELLED))
    assert (result.returncode, result.stderr) == (0, ""), result.stderr
    out = result.stdout
    before, after = agreement(out, "cross-validated (5 folds, seed 0)")
    assert after > before + 0.3
    in_before, in_after = agreement(out, "in-sample")
    assert in_before == before and in_after >= after
    # The over-weighted criterion and the too-light flag are what moved.
    assert re.search(r"^  acknowledges\s+5\s+-> 0\.5\s+met by 28 of 56$", out, re.M), out
    assert re.search(r"^  dismisses\s+0\.05\s+-> 0\.\d+\s+raised by 16 of 56, labelled on 16, "
                     r"both on 16$", out, re.M), out
    assert re.search(r"^  asks\s+1\s+\(kept\)", out, re.M)
    assert "`--write` puts these numbers into" in out
    # Nothing was written without --write.
    assert "weight: 5 " in RUBRIC.read_text(encoding="utf-8")


def test_write_changes_only_the_numbers_and_keeps_every_comment(
    library: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    path = library / "rubrics" / RUBRIC.name
    original = path.read_bytes()
    code, out, err = calibrate("--library", library, "cal-openness", LABELLED, "--write",
                               capsys=capsys)
    assert (code, err) == (0, ""), err
    assert "Wrote the new numbers into" in out
    old, new = original.decode().splitlines(keepends=True), path.read_text().splitlines(True)
    # Every line that is not a number is byte for byte what it was, in the same order, and
    # the one criterion that had no weight got one after its label.
    kept_old = [line for line in old if not NUMBER_LINE.match(line)]
    kept_new = [line for line in new if not NUMBER_LINE.match(line)]
    assert kept_new == kept_old
    changed = [(a, b) for a, b in zip(
        [line for line in old if NUMBER_LINE.match(line)],
        [line for line in new if NUMBER_LINE.match(line)], strict=False) if a != b]
    assert ("    weight: 5            # too heavy, on purpose\n",
            "    weight: 0.5          # too heavy, on purpose\n") in changed
    assert any(line.startswith("    penalty: 0.") and "# far too light" in line
               for line in new)
    assert new[new.index("  - id: asks\n") + 1] == "    label: Asks to learn more\n"
    # The written file loads, and a second run starts from the fitted numbers.
    assert run_upward("validate", str(path)).returncode == 0
    code, again, _ = calibrate("--library", library, "cal-openness", LABELLED, capsys=capsys)
    assert code == 0
    assert agreement(again, "in-sample") == (agreement(out, "in-sample")[1],) * 2


def test_write_is_refused_when_cross_validated_agreement_does_not_improve(
    library: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    path = library / "rubrics" / RUBRIC.name
    original = path.read_bytes()
    code, out, err = calibrate(path, AGREES, "--write", capsys=capsys)
    assert code == 1
    assert "not written: cross-validated agreement does not rise: 1.000 -> 1.000" in err
    assert path.read_bytes() == original
    assert agreement(out, "cross-validated") == (1.0, 1.0)


def test_the_rubric_installed_with_upward_is_never_written(
    library: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    from simulator.cli import cmd_calibrate

    monkeypatch.setattr(cmd_calibrate, "INSTALLED_LIBRARY", library.resolve())
    path = library / "rubrics" / RUBRIC.name
    code, _, err = calibrate("--library", library, "cal-openness", LABELLED, "--write",
                             capsys=capsys)
    assert code == 1
    assert "is the rubric installed with Upward" in err
    assert path.read_bytes() == RUBRIC.read_bytes()


def test_keep_bands_fits_weights_and_penalties_only(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = calibrate(RUBRIC, LABELLED, "--keep-bands", "--folds", "4", "--seed", "3",
                             capsys=capsys)
    assert code == 0
    assert re.search(r"^  strong\s+0\.7\s+\(kept\)$", out, re.M)
    assert re.search(r"^  adequate\s+0\.4\s+\(kept\)$", out, re.M)
    before, after = agreement(out, "cross-validated (4 folds, seed 3)")
    assert after > before


def test_the_receptiveness_ratings_are_a_check_not_training_data(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    ratings = tmp_path / "receptiveness.jsonl"
    ratings.write_text("".join(
        json.dumps({"text": f"I see your point about item {i}.", "receptive": 0.1 * i}) + "\n"
        for i in range(40)
    ))
    code, out, err = calibrate(RUBRIC, ratings, capsys=capsys)
    assert (code, out) == (1, "")
    assert f"{ratings}:1: these rows carry no band labels" in err
    assert "a check on the scorer, not training data" in err
    # Ratings mixed into a labelled file are refused too, not skipped.
    mixed = tmp_path / "mixed.jsonl"
    mixed.write_text(LABELLED.read_text() + ratings.read_text())
    code, _, err = calibrate(RUBRIC, mixed, capsys=capsys)
    assert code == 1
    assert f"{mixed}:57: these rows carry no band labels" in err


def test_a_file_without_any_band_is_refused_whole(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    unlabelled = tmp_path / "unlabelled.jsonl"
    unlabelled.write_text("".join(
        json.dumps({"track": "senior", "text": "Tell me more.", "flags": []}) + "\n"
        for _ in range(40)
    ))
    code, _, err = calibrate(RUBRIC, unlabelled, capsys=capsys)
    assert code == 1
    assert f"{unlabelled}: these rows carry no band labels" in err


def test_bad_lines_are_reported_with_file_and_line_and_nothing_is_fitted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    good = LABELLED.read_text().splitlines()
    row = json.loads(good[0])
    bad = [
        '{"track": "senior", "text": "Tell me more."',
        json.dumps({k: v for k, v in row.items() if k != "band"}),
        json.dumps({**row, "band": "strnog"}),
        json.dumps({**row, "flags": ["dismissive"]}),
        json.dumps({**row, "track": "junior"}),
        "[" * 50 + "]" * 50,
        json.dumps({**row, "text": "x" * 6000}),
        json.dumps({**row, "flags": "dismisses"}),
        json.dumps(["not", "an", "object"]),
        "",
        json.dumps({**row, "text": "   "}),
    ]
    path = tmp_path / "bad.jsonl"
    path.write_bytes(("\n".join([*good, *bad]) + "\n").encode() + b"\xff\xfe\n"
                     + b'{"text": "' + b"a" * (1 << 20) + b'"}\n')
    code, out, err = calibrate(RUBRIC, path, capsys=capsys)
    assert (code, out) == (1, "")
    n = len(good)
    expected = [
        f"{path}:{n + 1}:1: not valid JSON (Expecting ',' delimiter at column 44)",
        f'{path}:{n + 2}:1: missing "band" (a row needs track, context, text, band and flags)',
        f"{path}:{n + 3}:1: unknown band 'strnog' — did you mean 'strong'?; a band is strong, "
        "adequate or weak",
        f"{path}:{n + 4}:1: unknown flag 'dismissive' — did you mean 'dismisses'? (this "
        "rubric's flags: dismisses, pulls_rank)",
        f"{path}:{n + 5}:1: track is 'junior' but the rubric is for the senior track; give "
        "senior rows, or a junior rubric",
        f"{path}:{n + 6}:1: nested more than 8 levels deep; a row is one object with a list "
        "of flags",
        f'{path}:{n + 7}:1: "text": Your reply is 6,000 characters; keep it under 5,000.',
        f'{path}:{n + 8}:1: "flags" must be a list of flag ids, such as ["hedging"] or []',
        f'{path}:{n + 9}:1: expected a JSON object such as {{"track": ..., "text": ..., '
        '"band": ...}',
        f'{path}:{n + 11}:1: "text": Your reply is empty; say something to them first.',
        f"{path}:{n + 12}:1: not UTF-8 text; save the file as UTF-8",
        f"{path}:{n + 13}:1: line is over 1,048,576 bytes; a row holds one reply of at most "
        "5,000 characters",
    ]
    assert err.splitlines() == [
        *expected,
        "upward calibrate: 12 problems in the labelled rows; nothing was fitted: fix them and "
        "run again",
    ]


def test_a_file_of_the_other_track_gets_one_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    junior = tmp_path / "junior.jsonl"
    rows = [json.loads(line) for line in LABELLED.read_text().splitlines()]
    junior.write_text("".join(
        json.dumps({**row, "track": "junior", "flags": ["hedging"]}) + "\n" for row in rows))
    code, _, err = calibrate(RUBRIC, junior, capsys=capsys)
    assert code == 1
    assert err.splitlines() == [
        f"{junior}:1:1: every row is for the junior track but the rubric is for the senior "
        "track; give senior rows, or a junior rubric",
        "upward calibrate: 1 problem in the labelled rows; nothing was fitted: fix them and run "
        "again",
    ]
    junior.write_text(json.dumps({**rows[0], "track": "seniro"}) + "\n")
    code, _, err = calibrate(RUBRIC, junior, capsys=capsys)
    assert f"{junior}:1:1: unknown track 'seniro' — did you mean 'senior'?" in err


def test_a_scenario_given_as_the_rubric_names_the_rubric_it_uses(
    capsys: pytest.CaptureFixture[str],
) -> None:
    scenario = FIXTURES / "foundation" / "library" / "scenarios"
    [path, *_] = sorted(scenario.rglob("*.yaml"))
    code, _, err = calibrate(path, LABELLED, capsys=capsys)
    assert code == 1
    assert f"{path}:1:1: a scenario, not a rubric; give the rubric it uses, '" in err


def test_too_few_rows_are_refused_and_the_message_says_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    few = tmp_path / "few.jsonl"
    few.write_text("\n".join(LABELLED.read_text().splitlines()[:12]) + "\n")
    code, _, err = calibrate(RUBRIC, few, capsys=capsys)
    assert code == 1
    assert "12 labelled replies; calibrate needs at least 30" in err
    assert "follow the quirks of a few labels" in err


def test_usage_errors(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = calibrate("--library", library, "cal-opennes", LABELLED, capsys=capsys)
    assert code == 2
    assert "no rubric with id 'cal-opennes' — did you mean 'cal-openness'?" in err
    code, _, err = calibrate(RUBRIC, LABELLED, "--folds", "1", capsys=capsys)
    assert (code, err) == (2, "upward calibrate: --folds must be 2..10, not 1\n")
    code, _, err = calibrate(RUBRIC, library / "missing.jsonl", capsys=capsys)
    assert code == 2
    assert "missing.jsonl: does not exist; give a labelled .jsonl file" in err
    code, _, err = calibrate(library / "rubrics" / "nope.yaml", LABELLED, capsys=capsys)
    assert code == 2
    assert "nope.yaml: no such rubric file" in err


def test_help_describes_the_constraints(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["calibrate", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "only raise the score" in out and "only lower it" in out
    for option in ("--write", "--folds N", "--seed N", "--keep-bands"):
        assert option in out
