"""The fitter's promises, for any labelled data: criteria only raise, flags only lower, bounded."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.calibration import (
    LabelledRow,
    Limits,
    Numbers,
    Observation,
    WriteError,
    agreement,
    folds_of,
    observe,
    score,
)
from simulator.calibration.fit import _Search, fit, rounded
from simulator.calibration.writeback import updated_text
from simulator.loading import load_files
from simulator.model import Band, Rubric
from simulator.scoring import CompiledRubric, ScoreResult
from tests.helpers import FIXTURES


@st.composite
def problems(draw: st.DrawFn, *, needs: bool = False) -> tuple[list[Observation], Numbers, bool]:
    n_criteria = draw(st.integers(1, 4))
    n_flags = draw(st.integers(0, 3))
    rows = draw(st.lists(st.tuples(
        st.lists(st.booleans(), min_size=n_criteria, max_size=n_criteria),
        st.lists(st.booleans(), min_size=n_flags, max_size=n_flags),
        st.integers(0, 2),
    ), min_size=1, max_size=30))
    observations = [Observation(tuple(m), tuple(r), band) for m, r, band in rows]
    adequate = draw(st.floats(0.01, 0.9))
    start = Numbers(
        tuple(draw(st.lists(st.floats(0.01, 30.0), min_size=n_criteria, max_size=n_criteria))),
        tuple(draw(st.lists(st.floats(0.01, 1.0), min_size=n_flags, max_size=n_flags))),
        adequate,
        draw(st.floats(adequate + 0.01, 0.99)),
        tuple(draw(st.lists(st.booleans(), min_size=n_flags, max_size=n_flags))),
        tuple(draw(st.lists(st.booleans(), min_size=n_criteria, max_size=n_criteria))),
        tuple(draw(st.lists(st.booleans(), min_size=n_criteria, max_size=n_criteria)))
        if needs else (),
    )
    return observations, start, draw(st.booleans())


@settings(max_examples=40, deadline=None)
@given(problems(), st.data())
def test_a_criterion_only_raises_and_a_flag_only_lowers_the_score(
    problem: tuple[list[Observation], Numbers, bool], data: st.DataObject,
) -> None:
    observations, start, keep_bands = problem
    fitted = fit(observations, start, keep_bands=keep_bands)
    limits = Limits().for_start(start)
    assert all(0 < w <= limits.weight_max <= 100 for w in fitted.weights)
    assert all(0 < p <= 1 for p in fitted.penalties)
    assert 0 < fitted.adequate < fitted.strong < 1
    if keep_bands:
        assert (fitted.adequate, fitted.strong) == (start.adequate, start.strong)
    # Meeting one more criterion never lowers a score; raising one more flag never raises it.
    met = data.draw(st.lists(st.booleans(), min_size=len(start.weights),
                             max_size=len(start.weights)))
    raised = data.draw(st.lists(st.booleans(), min_size=len(start.penalties),
                                max_size=len(start.penalties)))
    base = score(fitted, met, raised)
    for i in range(len(met)):
        more = [*met[:i], True, *met[i + 1:]]
        assert score(fitted, more, raised) >= base
    for j in range(len(raised)):
        more = [*raised[:j], True, *raised[j + 1:]]
        assert score(fitted, met, more) <= base
    # The search never ends worse than the readable numbers it started from.
    start_on_grid = rounded(start, limits, keep_bands=keep_bands)
    assert agreement(observations, fitted).correct >= agreement(
        observations, start_on_grid).correct


@settings(max_examples=60, deadline=None)
@given(problems(needs=True))
def test_the_search_counts_capped_replies_as_the_scorer_bands_them(
    problem: tuple[list[Observation], Numbers, bool],
) -> None:
    # The search bands by buckets of uncapped scores; agreement() bands each reply through
    # score(), cap and all. They must agree, or the fit optimises something the rubric is not.
    observations, start, keep_bands = problem
    limits = Limits().for_start(start)
    numbers = rounded(start, limits, keep_bands=keep_bands)
    search = _Search(observations, limits, None, keep_bands, numbers.caps, numbers.lifts,
                     numbers.needs)
    (correct, minus_distance), placed = search.evaluate(numbers)
    direct = agreement(observations, placed)
    assert (correct, -minus_distance) == (direct.correct, direct.distance)


def test_a_capped_flag_keeps_a_full_reply_adequate_in_the_fit() -> None:
    # Every criterion met, one capped flag raised: labelled adequate, as LABELS.md has it.
    observations = [Observation((True, True), (True,), 1)] * 5 + [
        Observation((True, True), (False,), 2)] * 5 + [Observation((False, False), (False,), 0)]
    capped_start = Numbers((1.0, 1.0), (0.05,), 0.4, 0.7, (True,))
    assert score(capped_start, (True, True), (True,)) == 0.69
    assert agreement(observations, capped_start).correct == 11
    uncapped = dataclasses.replace(capped_start, caps=(False,))
    assert agreement(observations, uncapped).correct == 6


def test_a_lifting_criterion_keeps_a_polite_flag_free_reply_adequate_in_the_fit() -> None:
    # Only the small "thanks" criterion met, no flag: labelled adequate, as LABELS.md has it;
    # a flag raised as well takes the lift away.
    observations = [Observation((False, True), (False,), 1)] * 5 + [
        Observation((True, True), (False,), 2)] * 5 + [Observation((False, True), (True,), 0)] * 2
    lifting = Numbers((3.0, 0.5), (0.2,), 0.4, 0.7, (False,), (False, True))
    assert 0.4 <= score(lifting, (False, True), (False,)) < 0.7
    assert score(lifting, (False, True), (True,)) == 0.0
    assert agreement(observations, lifting).correct == 12
    flat = dataclasses.replace(lifting, lifts=(False, False))
    assert agreement(observations, flat).correct == 7
    assert agreement(observations, fit(observations, lifting)).correct == 12


def test_a_criterion_strong_needs_keeps_a_reply_without_it_adequate_in_the_fit() -> None:
    # Everything but the invitation met: labelled adequate ("missing impact or invitation");
    # with it met as well, strong. Weights alone place one of the two groups wrongly here.
    observations = [Observation((True, True, False), (), 1)] * 5 + [
        Observation((True, True, True), (), 2)] * 5 + [Observation((False, False, False), (), 0)]
    needing = Numbers((4.0, 4.0, 1.0), (), 0.4, 0.7, (), (), (False, False, True))
    assert score(needing, (True, True, False), ()) == 0.69
    assert score(needing, (True, True, True), ()) == 1.0
    assert agreement(observations, needing).correct == 11
    free = dataclasses.replace(needing, needs=(False, False, False))
    assert agreement(observations, free).correct == 6
    assert agreement(observations, fit(observations, needing)).correct == 11


def test_criteria_strong_needs_one_of_keep_a_reply_meeting_none_adequate_in_the_fit() -> None:
    # Acknowledged and thanked, nothing asked or promised: adequate ("shallow"); with either the
    # question or the promise met, strong.
    observations = [Observation((True, True, False, False), (), 1)] * 5 + [
        Observation((True, True, True, False), (), 2)] * 3 + [
        Observation((True, True, False, True), (), 2)] * 3 + [
        Observation((False, False, False, False), (), 0)]
    needing = Numbers((4.0, 4.0, 1.0, 1.0), (), 0.4, 0.7, (), (), (),
                      (False, False, True, True))
    assert score(needing, (True, True, False, False), ()) == 0.69
    assert score(needing, (True, True, True, False), ()) == 0.9
    assert agreement(observations, needing).correct == 12
    free = dataclasses.replace(needing, needs_one_of=())
    assert agreement(observations, free).correct == 7
    assert agreement(observations, fit(observations, needing)).correct == 12


def test_replies_failing_strong_needs_stay_adequate_in_the_fit() -> None:
    # The same criteria met, but half said in a line (`strong_needs` not passed): those are
    # adequate whatever the numbers, so no weight can make them strong.
    observations = [Observation((True, True), (), 1, needs_unmet=True)] * 6 + [
        Observation((True, True), (), 2)] * 4 + [Observation((False, False), (), 0)] * 2
    start = Numbers((4.0, 4.0), (), 0.4, 0.7)
    assert score(start, (True, True), (), needs_unmet=True) == 0.69
    assert score(start, (True, True), ()) == 1.0
    assert agreement(observations, start).correct == 12
    assert agreement(observations, fit(observations, start)).correct == 12
    ignoring = [dataclasses.replace(o, needs_unmet=False) for o in observations]
    assert agreement(ignoring, start).correct == 6


def test_the_fit_is_deterministic_and_folds_are_stratified() -> None:
    observations = [Observation((i % 2 == 0, i % 3 == 0), (i % 5 == 0,), i % 3)
                    for i in range(60)]
    start = Numbers((1.0, 1.0), (0.2,), 0.4, 0.7)
    assert fit(observations, start) == fit(observations, start)
    folds = folds_of(observations, 5, seed=1)
    assert sorted(i for fold in folds for i in fold) == list(range(60))
    for fold in folds:
        assert sorted(observations[i].band for i in fold) == [0] * 4 + [1] * 4 + [2] * 4
    assert folds == folds_of(observations, 5, seed=1) != folds_of(observations, 5, seed=2)


RUBRIC = FIXTURES / "calibration" / "cal-openness.yaml"


def _numbers() -> tuple[Numbers, Rubric]:
    rubric = next(iter(load_files([RUBRIC]).rubrics.values())).model
    return Numbers((2.0, 1.5, 1.0), (0.5, 0.3), 0.2, 0.8), rubric


def test_writeback_keeps_windows_line_endings(tmp_path: Path) -> None:
    from simulator.calibration import write_numbers

    numbers, rubric = _numbers()
    path = tmp_path / RUBRIC.name
    path.write_bytes(RUBRIC.read_bytes().replace(b"\n", b"\r\n"))
    write_numbers(path, rubric, numbers)
    written = path.read_bytes()
    assert b"\r\n" in written and b"\n" not in written.replace(b"\r\n", b"")
    assert b"    weight: 2            # too heavy, on purpose\r\n" in written


def test_writeback_refuses_a_layout_it_cannot_keep() -> None:
    numbers, rubric = _numbers()
    odd = RUBRIC.read_text().replace("title: Openness", "title  :  Openness")
    with pytest.raises(WriteError, match="without changing its layout"):
        updated_text(odd, rubric, numbers)
    with pytest.raises(WriteError, match="cannot read this file"):
        updated_text("criteria: [a\n", rubric, numbers)


class _ShortRepliesCapped(CompiledRubric):
    """A rule beyond weights and penalties, as a rubric language may add: a reply of six words
    or fewer is never strong."""

    def score(self, text: str, **kwargs: Any) -> ScoreResult:
        result = super().score(text, **kwargs)
        if len(text.split()) <= 6 and result.band is Band.strong:
            return dataclasses.replace(result, score=0.5, band=Band.adequate)
        return result


def test_replies_scored_by_a_rule_beyond_the_numbers_are_left_out_and_named() -> None:
    _, rubric = _numbers()
    rows = [
        LabelledRow(RUBRIC, 1, "senior", None, "Fair point. Tell me more.", 2, frozenset()),
        LabelledRow(RUBRIC, 2, "senior", None,
                    "Fair point, honestly. Tell me more about how the team saw it.", 2,
                    frozenset()),
    ]
    observed = observe(_ShortRepliesCapped(rubric), rows)
    assert len(observed.observations) == 1
    assert observed.departures == [
        f"{RUBRIC}:1: scored 0.500 (adequate) where weights and penalties give 0.857 (strong)"
    ]
    assert observe(CompiledRubric(rubric), rows).departures == []
