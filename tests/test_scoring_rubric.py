"""Scoring a reply against a whole rubric: the formula, bands, focus, evidence, refusals."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.calibration.fit import Numbers
from simulator.calibration.fit import score as fit_score
from simulator.loading import load_files, load_library
from simulator.model import Band, Criterion, Rubric
from simulator.scoring import (
    MAX_REPLY_CHARS,
    CompiledCriteria,
    CompiledRubric,
    ReplyError,
    compile_criteria,
)
from tests.helpers import FIXTURES, REPO

LIBRARY = FIXTURES / "scoring" / "library"


@pytest.fixture(scope="module")
def rubric() -> CompiledRubric:
    return CompiledRubric.compile(load_library(LIBRARY).rubrics["test-challenge"].model)


def quoted(text: str, spans: tuple[tuple[int, int], ...]) -> list[str]:
    return [text[start:end] for start, end in spans]


def weighted(weights: list[float], penalties: list[float] | None = None,
             caps: frozenset[int] = frozenset(),
             lifts: frozenset[int] = frozenset(),
             needs: frozenset[int] = frozenset(),
             needs_one_of: frozenset[int] = frozenset()) -> CompiledRubric:
    """Criterion i is met by the word `c<i>`; flag j is raised by the word `f<j>`; the flags
    numbered in `caps` hold the band at adequate, the criteria numbered in `lifts` keep a
    flag-free reply from being weak, and missing one numbered in `needs` (or all of those in
    `needs_one_of`) keeps it from being strong."""
    return CompiledRubric.compile(Rubric.model_validate({
        "id": "weights", "title": "Weights", "track": "senior",
        "bands": {"strong": 0.7, "adequate": 0.3},
        "short_reply_words": 0,
        **({"strong_needs_one_of": [f"c{i}" for i in sorted(needs_one_of)]}
           if needs_one_of else {}),
        "criteria": [
            {"id": f"c{i}", "label": f"C{i}", "weight": w, "detect": {"phrases": [f"c{i}"]},
             **({"lifts": "adequate"} if i in lifts else {}),
             **({"needed_for": "strong"} if i in needs else {})}
            for i, w in enumerate(weights)
        ],
        "flags": [
            {"id": f"f{j}", "label": f"F{j}", "penalty": p, "detect": {"phrases": [f"f{j}"]},
             "feedback": f"tip {j}", **({"caps": "adequate"} if j in caps else {})}
            for j, p in enumerate(penalties or [])
        ],
    }))


def test_a_strong_reply_meets_everything_with_evidence(rubric: CompiledRubric) -> None:
    text = "I noticed 40% of people left last week. What do you think is going on?"
    result = rubric.score(text)
    assert result.score == 1.0
    assert result.band is Band.strong
    assert result.met == ["specific", "owns_view", "invites"]
    assert result.flags == ()
    by_id = {c.id: c for c in result.criteria}
    assert quoted(text, by_id["specific"].evidence) == ["I noticed", "40%", "last week"]
    assert quoted(text, by_id["owns_view"].evidence) == ["I noticed"]
    assert quoted(text, by_id["invites"].evidence) == ["What do you think is going on?"]
    assert by_id["specific"].feedback == "You anchored the challenge in something concrete."


def test_the_score_is_met_weight_over_total_minus_penalties(rubric: CompiledRubric) -> None:
    text = "Sorry, maybe it is just late. I noticed it."
    result = rubric.score(text)
    # specific (2) and owns_view (1) of 4; over_apology 0.2 and hedging 0.1.
    assert result.score == pytest.approx(3 / 4 - 0.2 - 0.1)
    assert result.band is Band.adequate
    assert result.missed == ["invites"]
    assert result.flag_ids == ["over_apology", "hedging"]
    flags = {f.id: f for f in result.flags}
    assert quoted(text, flags["over_apology"].evidence) == ["Sorry"]
    assert quoted(text, flags["hedging"].evidence) == ["maybe", "just"]
    assert flags["over_apology"].tip == "Drop the apology; it tells them your point is small."
    assert flags["hedging"].penalty == 0.1
    missed = next(c for c in result.criteria if c.id == "invites")
    assert missed.feedback == "End with an open question."
    assert missed.evidence == ()


def test_the_score_never_drops_below_zero(rubric: CompiledRubric) -> None:
    result = rubric.score("Sorry, you always do this, maybe just a bit.")
    assert result.flag_ids == ["over_apology", "blame", "hedging"]
    assert result.score == 0.0
    assert result.band is Band.weak


@pytest.mark.parametrize(
    ("text", "score", "band"),
    [
        ("c0", 0.7, Band.strong),  # exactly on the strong threshold
        ("c1", 0.3, Band.adequate),  # exactly on the adequate threshold
        ("c0 c1 f0", 0.7, Band.strong),  # 1.0 - 0.3 lands exactly on it too
        ("c0 f1", 0.6, Band.adequate),
        ("c1 f1", 0.2, Band.weak),
        ("nothing", 0.0, Band.weak),
    ],
)
def test_bands_include_their_thresholds(text: str, score: float, band: Band) -> None:
    result = weighted([7, 3], [0.3, 0.1]).score(text)
    assert result.score == score
    assert result.band is band


def test_float_sums_are_rounded_before_banding() -> None:
    # 0.1 + 0.2 + 0.4 is 0.7000000000000001 in floating point; 1 - 0.1 - 0.2 is 0.7000000000000001
    compiled = weighted([0.1, 0.2, 0.4, 0.3])
    assert compiled.score("c0 c1 c2").score == 0.7
    assert compiled.score("c0 c1 c2").band is Band.strong


def test_focus_criteria_join_the_rubric_for_the_turn(rubric: CompiledRubric) -> None:
    focus = compile_criteria([
        Criterion.model_validate({
            "id": "on_topic", "label": "Stays on the dashboard", "weight": 4,
            "detect": {"phrases": ["dashboard", "chart"]},
        }),
    ])
    text = "I noticed the dashboards are late."
    result = rubric.score(text, focus=focus)
    assert [c.id for c in result.criteria] == ["specific", "owns_view", "invites", "on_topic"]
    assert [c.focus for c in result.criteria] == [False, False, False, True]
    on_topic = result.criteria[-1]
    assert on_topic.met and on_topic.feedback == ""
    assert quoted(text, on_topic.evidence) == ["dashboards"]
    # specific 2 + owns_view 1 + on_topic 4 of 8.
    assert result.score == pytest.approx(7 / 8)
    without = rubric.score(text)
    assert without.score == pytest.approx(3 / 4)
    assert rubric.score("Hello there.", focus=focus).missed[-1] == "on_topic"


def test_focus_may_be_given_as_a_list_or_left_empty(rubric: CompiledRubric) -> None:
    criteria = [Criterion.model_validate({
        "id": "brief", "label": "Brief", "detect": {"words": {"max": 5}},
    })]
    assert rubric.score("I noticed it.", focus=criteria).met == [
        "specific", "owns_view", "brief",
    ]
    assert rubric.score("I noticed it.", focus=[]).score == pytest.approx(3 / 4)
    assert rubric.score("I noticed it.", focus=compile_criteria([])).score == pytest.approx(3 / 4)


def test_compiled_focus_is_cached_for_the_same_list() -> None:
    criteria = [Criterion.model_validate({
        "id": "x", "label": "X", "detect": {"phrases": ["x"]},
    })]
    first = compile_criteria(criteria)
    assert isinstance(first, CompiledCriteria)
    assert compile_criteria(criteria) is first
    assert compile_criteria(list(criteria)) is first  # a copy holds the same criteria
    other = [Criterion.model_validate({"id": "x", "label": "X", "detect": {"phrases": ["x"]}})]
    assert compile_criteria(other) is not first
    assert len(first) == 1


def test_evidence_spans_are_the_triggering_words_in_the_original(rubric: CompiledRubric) -> None:
    text = "ＳＯＲＲＹ — I’m not blaming anyone, but you ＡＬＷＡＹＳ skip the ﬁrst 40 people."
    result = rubric.score(text)
    by_id = {item.id: item for item in (*result.criteria, *result.flags)}
    assert quoted(text, by_id["over_apology"].evidence) == ["ＳＯＲＲＹ"]
    assert quoted(text, by_id["blame"].evidence) == ["you ＡＬＷＡＹＳ"]
    assert quoted(text, by_id["specific"].evidence) == ["40 people"]
    assert quoted(text, by_id["owns_view"].evidence) == ["I’m not"]
    at = text.index
    assert result.evidence == {
        "specific": [[at("40"), at("40") + 9]],
        "owns_view": [[at("I’m"), at("I’m") + 7]],
        "over_apology": [[0, 5]],
        "blame": [[at("you"), at("you") + 10]],
    }


def test_to_json_is_the_documented_shape(rubric: CompiledRubric) -> None:
    assert rubric.score("Sorry. What happened?").to_json() == {
        "score": 0.05,
        "band": "weak",
        "met": ["invites"],
        "missed": ["specific", "owns_view"],
        "flags": ["over_apology"],
        "evidence": {"invites": [[7, 21]], "over_apology": [[0, 5]]},
    }


def test_a_reply_at_the_limit_is_scored(rubric: CompiledRubric) -> None:
    text = ("I noticed it. " * 400)[:MAX_REPLY_CHARS]
    assert len(text) == 5_000
    assert rubric.score(text).met == ["specific", "owns_view"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("x" * 5_001, "Your reply is 5,001 characters; keep it under 5,000."),
        ("y" * 12_345, "Your reply is 12,345 characters; keep it under 5,000."),
        ("", "Your reply is empty; say something to them first."),
        (" \n\t ", "Your reply is empty; say something to them first."),
        ("?! …", "Your reply has no words in it; say something to them first."),
    ],
)
def test_replies_that_cannot_be_scored(rubric: CompiledRubric, text: str, message: str) -> None:
    with pytest.raises(ReplyError) as caught:
        rubric.score(text)
    assert str(caught.value) == message


def test_context_is_accepted(rubric: CompiledRubric) -> None:
    plain = rubric.score("I noticed it.")
    assert rubric.score("I noticed it.", context="What's up?") == plain


def test_the_compiled_rubric_keeps_its_model(rubric: CompiledRubric) -> None:
    assert rubric.rubric.id == "test-challenge"


def test_scoring_is_deterministic_across_threads(rubric: CompiledRubric) -> None:
    texts = [
        f"I noticed {n} people left. Sorry, you always {'ask' if n % 2 else 'skip'} it? Why?"
        for n in range(200)
    ]
    expected = [rubric.score(t) for t in texts]
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(rubric.score, texts * 4))
    assert results == expected * 4


def test_the_standard_rubrics_compile_and_score() -> None:
    library = load_files(sorted((REPO / "rubrics").glob("*.yaml")))
    assert library.errors == []
    for loaded in library.rubrics.values():
        result = CompiledRubric.compile(loaded.model).score("Thanks. What did you see?")
        assert 0.0 <= result.score <= 1.0


def test_scoring_imports_no_interface_and_no_engine() -> None:
    probe = (
        "import sys, simulator.scoring; "
        "print(sorted({m.split('.')[0] if not m.startswith('simulator.') else "
        "'.'.join(m.split('.')[:2]) for m in sys.modules}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    loaded = set(ast.literal_eval(result.stdout))
    forbidden = {"textual", "simulator.engine", "simulator.cli", "simulator.tui"}
    assert loaded & forbidden == set()
    assert "simulator.scoring" in loaded


def test_what_to_work_on_is_the_heaviest_missed_criteria_in_rubric_order() -> None:
    result = weighted([1, 3, 2, 3]).score("c0 and nothing else")
    assert [c.id for c in result.to_work_on()] == ["c1", "c3"]
    assert [c.id for c in result.to_work_on(limit=5)] == ["c1", "c3", "c2"]
    assert weighted([1]).score("c0").to_work_on() == []


def test_a_missed_focus_criterion_comes_first_in_what_to_work_on(
    rubric: CompiledRubric,
) -> None:
    focus = compile_criteria([
        Criterion.model_validate({
            "id": "on_topic", "label": "Stays on the dashboard", "weight": 0.5,
            "detect": {"phrases": ["dashboard"]},
        }),
    ])
    result = rubric.score("I noticed something.", focus=focus)
    assert result.to_work_on()[0].id == "on_topic"


def test_a_capping_flag_holds_a_full_reply_just_under_strong() -> None:
    rubric = weighted([1, 1], [0.0, 0.1], caps=frozenset({0}))
    full = rubric.score("c0 c1 and then some more words")
    assert (full.score, full.band) == (1.0, Band.strong)
    capped = rubric.score("c0 c1 f0 and then some more words")
    assert (capped.score, capped.band) == (0.69, Band.adequate)
    assert capped.flag_ids == ["f0"]


def test_a_capping_flag_leaves_a_reply_below_strong_where_its_penalty_puts_it() -> None:
    rubric = weighted([1, 1], [0.1, 0.1], caps=frozenset({0}))
    half = rubric.score("c0 f0 and then some more words")
    assert (half.score, half.band) == (0.4, Band.adequate)
    both = rubric.score("c0 f0 f1 and then some more words")
    assert (both.score, both.band) == (0.3, Band.adequate)


def test_a_capped_score_just_under_strong_never_outranks_a_capped_fuller_reply() -> None:
    # 0.695 is under strong (0.7) but above the hold (0.69): before session 21 it stayed there,
    # above the fuller capped reply (1.0, held at 0.69), so meeting one more criterion lowered
    # the score.
    rubric = weighted([0.695, 0.305], [0.0], caps=frozenset({0}))
    fewer = rubric.score("c0 f0 and then some more words")
    more = rubric.score("c0 c1 f0 and then some more words")
    assert fewer.band == more.band == Band.adequate
    assert fewer.score <= more.score == 0.69


def test_an_uncapped_flag_only_subtracts() -> None:
    rubric = weighted([1, 1], [0.1, 0.1], caps=frozenset({0}))
    assert rubric.score("c0 c1 f1 and then some more words").score == 0.9


def test_a_lifting_criterion_keeps_a_flag_free_reply_adequate_in_its_own_order() -> None:
    rubric = weighted([4, 0.5, 1], [0.1], lifts=frozenset({1, 2}))
    thanks = rubric.score("c1 and then some more words")
    more = rubric.score("c2 and then some more words")
    assert thanks.band == more.band == Band.adequate
    # Raised into the lower half of the adequate band, a better reply still scoring higher.
    assert 0.3 <= thanks.score < more.score < 0.5
    # Nothing moves a reply that is adequate or strong on its own.
    assert rubric.score("c0 and then some more words").score == pytest.approx(4 / 5.5)


def test_meeting_one_more_criterion_never_lowers_a_lifted_score() -> None:
    # c0 lifts; c0 c1 is just weak on its own (0.2875), c0 c1 c2 just adequate (0.3125).
    # Lifting only weak scores put the first at 0.49, above the second.
    rubric = weighted([0.5, 0.65, 0.1, 2.75], lifts=frozenset({0}))
    fewer = rubric.score("c0 c1 and then some more words")
    more = rubric.score("c0 c1 c2 and then some more words")
    assert fewer.band == more.band == Band.adequate
    assert fewer.score < more.score < 0.5
    # From the middle of the adequate band up, a lift changes nothing.
    assert rubric.score("c0 c3 and then some more words").score == pytest.approx(3.25 / 4)


@settings(max_examples=300, deadline=None)
@given(
    weights=st.lists(st.floats(0.1, 3).map(lambda w: round(w, 2)), min_size=2, max_size=6),
    penalty=st.floats(0, 0.5).map(lambda p: round(p, 2)),
    data=st.data(),
)
def test_the_score_never_falls_when_a_criterion_is_added(
    weights: list[float], penalty: float, data: st.DataObject,
) -> None:
    n = len(weights)
    numbers = Numbers(tuple(weights), (penalty,), 0.4, 0.7, caps=(False,),
                      lifts=tuple(data.draw(st.lists(st.booleans(), min_size=n, max_size=n))),
                      needs=tuple(data.draw(st.lists(st.booleans(), min_size=n, max_size=n))),
                      needs_one_of=tuple(data.draw(st.lists(st.booleans(), min_size=n,
                                                            max_size=n))))
    met = data.draw(st.lists(st.booleans(), min_size=n, max_size=n))
    raised = (data.draw(st.booleans()),)
    added = data.draw(st.integers(0, n - 1))
    more = [m or i == added for i, m in enumerate(met)]
    assert fit_score(numbers, more, raised) >= fit_score(numbers, met, raised)


def test_a_lift_is_lost_to_any_raised_flag_and_never_lowers() -> None:
    rubric = weighted([4, 0.5], [0.05], lifts=frozenset({1}))
    slipped = rubric.score("c1 f0 and then some more words")
    assert slipped.band == Band.weak
    assert slipped.score == pytest.approx(0.5 / 4.5 - 0.05)
    unlifted = rubric.score("and then some more words")
    assert unlifted.band == Band.weak
    full = rubric.score("c0 c1 and then some more words")
    assert (full.score, full.band) == (1.0, Band.strong)


def test_a_reply_missing_what_strong_needs_is_held_just_under_strong() -> None:
    rubric = weighted([4, 4, 1], needs=frozenset({2}))
    without = rubric.score("c0 c1 and then some more words")
    assert (without.score, without.band) == (0.69, Band.adequate)
    full = rubric.score("c0 c1 c2 and then some more words")
    assert (full.score, full.band) == (1.0, Band.strong)
    # Below strong nothing moves: the need only ever holds a score down to just under strong.
    assert rubric.score("c0 and then some more words").score == pytest.approx(4 / 9)


def test_a_reply_meeting_none_of_what_strong_needs_one_of_is_held_just_under_strong() -> None:
    rubric = weighted([4, 4, 1, 1], needs_one_of=frozenset({2, 3}))
    neither = rubric.score("c0 c1 and then some more words")
    assert (neither.score, neither.band) == (0.69, Band.adequate)
    # Either one of them is enough.
    assert rubric.score("c0 c1 c2 and then some more words").band == Band.strong
    assert rubric.score("c0 c1 c3 and then some more words").band == Band.strong
    assert rubric.score("c0 and then some more words").score == pytest.approx(4 / 10)


def _needing(strong_needs: dict[str, object]) -> CompiledRubric:
    """Criteria c0..c3 (weights 4, 4, 1, 1) met by their words, flag f0, and `strong_needs`."""
    return CompiledRubric.compile(Rubric.model_validate({
        "id": "needs", "title": "Needs", "track": "senior",
        "bands": {"strong": 0.7, "adequate": 0.3}, "short_reply_words": 0,
        "strong_needs": strong_needs,
        "criteria": [{"id": f"c{i}", "label": f"C{i}", "weight": w,
                      "detect": {"phrases": [f"c{i}"]}} for i, w in enumerate([4, 4, 1, 1])],
        "flags": [{"id": "f0", "label": "F0", "penalty": 0.01, "detect": {"phrases": ["f0"]},
                   "feedback": "tip"}],
    }))


def test_strong_needs_holds_a_reply_that_fails_its_test_just_under_strong() -> None:
    # "Asks (c2), or does both c0 and c3, or one of those at some length."
    rubric = _needing({"any": [
        {"met": ["c2"]},
        {"all": [{"met": ["c0"]}, {"met": ["c3"]}]},
        {"all": [{"met": ["c0", "c3"]}, {"words": {"min": 12}}]},
    ]})
    short = rubric.score("c0 c1 and a few more words")
    assert (short.score, short.band, short.needs_unmet) == (0.69, Band.adequate, True)
    assert [c.id for c in short.criteria if c.met] == ["c0", "c1"]
    long = rubric.score("c0 c1 and then a good many more words than that, said at length")
    assert (long.band, long.needs_unmet) == (Band.strong, False)
    for passing in ("c1 c2 c0 and a few more words", "c0 c1 c3 and a few more words"):
        assert rubric.score(passing).band == Band.strong
    # Below strong it changes nothing, and it is reported either way.
    low = rubric.score("c1 and a few more words")
    assert (low.score, low.needs_unmet) == (pytest.approx(0.4), True)


def test_strong_needs_may_name_flags_judged_after_the_criteria() -> None:
    rubric = _needing({"not": {"raised": ["f0"]}})
    assert rubric.score("c0 c1 f0 and some more words").band == Band.adequate
    assert rubric.score("c0 c1 and some more words").band == Band.strong


def test_the_standard_senior_rubric_holds_one_move_said_in_a_line_at_adequate() -> None:
    senior = CompiledRubric.compile(load_library(REPO).rubrics["senior-openness"].model)
    # Passing it on, or one admission, in a line: shallow (session 28's labelled replies).
    for shallow in ("Thanks, that's a fair observation. I'll raise it at the practice meeting.",
                    "Oh, I didn't know it had gone to the disability office. Thanks for "
                    "letting me know."):
        result = senior.score(shallow)
        assert (result.band, result.needs_unmet) == (Band.adequate, True), shallow
    # Asking is strong in a line; owning and committing together are too.
    for strong in ("Thanks, that's a fair observation. Which sessions did it happen in?",
                   "I didn't know it had gone to the disability office. I'll ring them today "
                   "and apologise."):
        result = senior.score(strong)
        assert (result.band, result.needs_unmet) == (Band.strong, False), strong


def test_a_flag_raised_with_weak_at_separate_pieces_of_evidence_makes_the_reply_weak() -> None:
    rubric = CompiledRubric.compile(Rubric.model_validate({
        "id": "repeat", "title": "Repeat", "track": "junior",
        "bands": {"strong": 0.7, "adequate": 0.4}, "short_reply_words": 0,
        "criteria": [{"id": "c0", "label": "C0", "detect": {"phrases": ["c0"]}}],
        "flags": [{"id": "f0", "label": "F0", "penalty": 0.1, "weak_at": 2,
                   "detect": {"phrases": ["you never"]}, "feedback": "tip"}],
    }))
    once = rubric.score("c0 and you never answer, said once")
    assert (once.score, once.band) == (0.9, Band.strong)
    twice = rubric.score("c0 and you never answer, and you never call")
    assert [len(f.evidence) for f in twice.flags] == [2]
    assert (twice.score, twice.band) == (0.39, Band.weak)
    # Already weak stays where it is.
    assert rubric.score("you never answer and you never call").score == 0.0
    with pytest.raises(ValueError, match="greater than or equal to 2"):
        Rubric.model_validate({
            "id": "r", "title": "R", "track": "junior", "bands": {"strong": 0.7, "adequate": 0.4},
            "criteria": [{"id": "c0", "label": "C0", "detect": {"phrases": ["c0"]}}],
            "flags": [{"id": "f0", "label": "F0", "penalty": 0.1, "weak_at": 1,
                       "detect": {"phrases": ["x"]}, "feedback": "tip"}],
        })


def test_the_standard_senior_rubric_holds_a_shallow_polite_reply_at_adequate() -> None:
    senior = CompiledRubric.compile(load_library(REPO).rubrics["senior-openness"].model)
    # Nodding and thanking, with nothing asked, owned or promised: "shallow" in LABELS.md.
    shallow = senior.score("Right, that's fair. Could be worth doing a text reminder as well. "
                           "Thanks.")
    assert not {"curious", "owns_gap", "commits"} & set(shallow.met)
    assert shallow.band == Band.adequate
    asked = senior.score("Right, that's fair. Which patients miss the letters most?")
    assert "curious" in asked.met and asked.band == Band.strong


def test_a_flag_that_lowers_nothing_is_refused() -> None:
    with pytest.raises(ValueError, match="give `penalty` above 0, or `caps: adequate`"):
        weighted([1], [0.0])
