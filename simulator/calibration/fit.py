"""Fitting a rubric's numbers to labelled replies, on what its detectors found in each reply.

The detectors are not touched: each reply is scored once into an `Observation` (which criteria
it met, which flags it raised, the band a person gave it), and the search moves the numbers
alone. The score keeps the scorer's shape, so a fitted rubric stays explainable:

    score = met criterion weight / total weight - raised flag penalties, clamped to 0..1

and a raised flag with `caps: adequate` (or a missed criterion with `needed_for: strong`, or none
met of `strong_needs_one_of`, or a reply failing `strong_needs`) holds a score at or above
`strong` just under it, as the scorer does, so the fit places capped replies where the rubric
will.

Every weight and penalty stays above zero (a capping flag may keep a penalty of 0: its cap still
lowers), so meeting a criterion can only raise a score and raising a flag can only lower it. The
search is coordinate search over a grid of readable values (weights in halves, penalties and
cut-offs in twentieths): one number at a time, every grid value tried, the best kept when it is
strictly better; cut-offs are placed at their best for each candidate. Better means more replies
in the labelled band, then a smaller total distance in bands (strong for a weak reply is worse
than adequate), and among equals the value nearest the current one. No randomness: the same rows
always give the same numbers.
"""

from __future__ import annotations

import random
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Final

from simulator.scoring.rubric import held_under_strong, lifted_to_adequate

BANDS: Final = ("weak", "adequate", "strong")
"""Band names by rank: a band's index is its distance from weak."""

SCORE_DIGITS: Final = 9
"""As the scorer rounds (simulator/scoring/rubric.py), so cut-offs fall the same way."""

MAX_PASSES: Final = 40
"""Each pass strictly improves a bounded count, so the search ends anyway; this is a backstop."""


@dataclass(frozen=True, slots=True)
class Numbers:
    """What calibration fits: one weight per criterion, one penalty per flag, two cut-offs."""

    weights: tuple[float, ...]
    penalties: tuple[float, ...]
    adequate: float
    strong: float
    caps: tuple[bool, ...] = ()
    """Per flag, whether it caps the band at adequate: the rubric's structure, never fitted."""
    lifts: tuple[bool, ...] = ()
    """Per criterion, whether meeting it with no flag raised keeps the band at least adequate
    (the rubric's structure, never fitted)."""
    needs: tuple[bool, ...] = ()
    """Per criterion, whether missing it holds the band at adequate (`needed_for: strong`; the
    rubric's structure, never fitted)."""
    needs_one_of: tuple[bool, ...] = ()
    """Per criterion, whether it is one of `strong_needs_one_of`: missing all of them holds the
    band at adequate (the rubric's structure, never fitted)."""


@dataclass(frozen=True, slots=True)
class Observation:
    """One labelled reply as the rubric's detectors saw it."""

    met: tuple[bool, ...]
    """Per criterion, in the rubric's order."""
    raised: tuple[bool, ...]
    """Per flag, in the rubric's order."""
    band: int
    """The person's band: 0 weak, 1 adequate, 2 strong."""
    needs_unmet: bool = False
    """The reply does not pass the rubric's `strong_needs`: held under strong whatever the
    numbers (judged by its detectors, so the rubric's structure, never fitted)."""


@dataclass(frozen=True, slots=True)
class Limits:
    """The grid the search walks: readable values inside what a rubric file allows."""

    weight_step: float = 0.5
    weight_max: float = 10.0
    """Only ratios of weights matter, so 0.5..10 (a ratio of 20) is room enough."""
    penalty_step: float = 0.05
    penalty_max: float = 1.0
    cut_step: float = 0.05
    """Cut-offs run from one step above 0 to one step below 1, strong above adequate."""

    def weights(self) -> tuple[float, ...]:
        return _grid(self.weight_step, self.weight_max)

    def penalties(self) -> tuple[float, ...]:
        return _grid(self.penalty_step, self.penalty_max)

    def cuts(self) -> tuple[float, ...]:
        return _grid(self.cut_step, 1.0)[:-1]

    def for_start(self, start: Numbers) -> Limits:
        """Room for a rubric whose heaviest weight is above the default top (up to 100)."""
        top = max((*start.weights, self.weight_max))
        top = min(100.0, self.weight_step * -(-top // self.weight_step))
        return replace(self, weight_max=top)


def _grid(step: float, top: float) -> tuple[float, ...]:
    # Rounded so that 0.15 is the float a YAML file's `0.15` reads as, not 0.15000000000000002.
    count = round(top / step)
    return tuple(round(step * k, 6) for k in range(1, count + 1))


def _nearest(value: float, grid: Sequence[float]) -> float:
    return min(grid, key=lambda g: (abs(g - value), g))


@dataclass(frozen=True, slots=True)
class Agreement:
    """How far a rubric's bands agree with the labels on some replies."""

    correct: int
    total: int
    off_by_two: int
    """Weak called strong or strong called weak."""
    distance: int
    """Bands between the rubric's and the label, summed over the replies."""

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0

    def __add__(self, other: Agreement) -> Agreement:
        return Agreement(self.correct + other.correct, self.total + other.total,
                         self.off_by_two + other.off_by_two, self.distance + other.distance)


def score(numbers: Numbers, met: Sequence[bool], raised: Sequence[bool],
          out_of: float | None = None, needs_unmet: bool = False) -> float:
    """The scorer's formula on a met / raised pattern, summed in the same order as it sums.

    `out_of`, when a rubric names the weight that earns full marks, replaces the total weight.
    """
    total = sum(numbers.weights) if out_of is None else out_of
    got = sum(w for w, m in zip(numbers.weights, met, strict=True) if m)
    raw = got / total - sum(p for p, r in zip(numbers.penalties, raised, strict=True) if r)
    value = round(min(1.0, max(0.0, raw)), SCORE_DIGITS)
    held = held_under_strong(numbers.adequate, numbers.strong)
    if value > held and (needs_unmet or capped(numbers.caps, raised, numbers.needs, met,
                                         numbers.needs_one_of)):
        # Everything above the hold comes down to it, as the scorer does, so the score stays
        # increasing in what is met (a capped score just under strong must not pass a held one).
        return held
    if lifted(numbers.lifts, met, raised):
        return lifted_to_adequate(value, numbers.adequate, numbers.strong)
    return value


def capped(caps: Sequence[bool], raised: Sequence[bool], needs: Sequence[bool] = (),
           met: Sequence[bool] = (), needs_one_of: Sequence[bool] = ()) -> bool:
    """Whether a raised flag, a missed criterion strong needs, or none met of the criteria
    strong needs one of, holds the reply below strong."""
    return any(c and r for c, r in zip(caps, raised, strict=False)) or any(
        n and not m for n, m in zip(needs, met, strict=False)
    ) or (any(needs_one_of) and not any(
        n and m for n, m in zip(needs_one_of, met, strict=False)
    ))


def lifted(lifts: Sequence[bool], met: Sequence[bool], raised: Sequence[bool]) -> bool:
    """Whether a met criterion keeps this flag-free reply from being weak."""
    return not any(raised) and any(x and m for x, m in zip(lifts, met, strict=False))


def band_of(value: float, numbers: Numbers) -> int:
    if value >= numbers.strong:
        return 2
    return 1 if value >= numbers.adequate else 0


def agreement(observations: Sequence[Observation], numbers: Numbers,
              out_of: float | None = None) -> Agreement:
    correct = off_by_two = distance = 0
    for obs in observations:
        gap = abs(band_of(score(numbers, obs.met, obs.raised, out_of, obs.needs_unmet), numbers)
                  - obs.band)
        correct += gap == 0
        off_by_two += gap == 2
        distance += gap
    return Agreement(correct, len(observations), off_by_two, distance)


@dataclass(frozen=True, slots=True)
class _Pattern:
    """Replies that met and raised the same things, with how many of each band there are."""

    met: tuple[bool, ...]
    raised: tuple[bool, ...]
    counts: tuple[int, int, int]
    needs_unmet: bool = False


def _patterns(observations: Sequence[Observation]) -> list[_Pattern]:
    grouped: dict[tuple[tuple[bool, ...], tuple[bool, ...], bool], list[int]] = {}
    for obs in observations:
        grouped.setdefault((obs.met, obs.raised, obs.needs_unmet), [0, 0, 0])[obs.band] += 1
    return [_Pattern(m, r, (c[0], c[1], c[2]), unmet) for (m, r, unmet), c in grouped.items()]


Objective = tuple[int, int]
"""(replies in their labelled band, minus the total band distance): bigger is better."""


class _Search:
    """One fit: the rows' patterns, the grid, and the scorer's formula over them."""

    def __init__(self, observations: Sequence[Observation], limits: Limits,
                 out_of: float | None, keep_bands: bool, caps: Sequence[bool] = (),
                 lifts: Sequence[bool] = (), needs: Sequence[bool] = (),
                 needs_one_of: Sequence[bool] = ()) -> None:
        self.patterns = _patterns(observations)
        self.capped = [p.needs_unmet or capped(caps, p.raised, needs, p.met, needs_one_of)
                       for p in self.patterns]
        self.lifted = [lifted(lifts, p.met, p.raised) for p in self.patterns]
        self.limits = limits
        self.out_of = out_of
        self.keep_bands = keep_bands
        self.cuts = limits.cuts()
        self.indices = [
            (tuple(i for i, m in enumerate(p.met) if m),
             tuple(j for j, r in enumerate(p.raised) if r))
            for p in self.patterns
        ]

    def scores(self, numbers: Numbers) -> list[float]:
        """`score` before any cap for every pattern, summing in the same order, so the same
        floats (a capped pattern's band is then at most adequate, whatever the cut-offs)."""
        weights, penalties = numbers.weights, numbers.penalties
        total = sum(weights) if self.out_of is None else self.out_of
        return [
            round(min(1.0, max(0.0, sum([weights[i] for i in met]) / total
                               - sum([penalties[j] for j in raised]))), SCORE_DIGITS)
            for met, raised in self.indices
        ]

    def evaluate(self, numbers: Numbers) -> tuple[Objective, Numbers]:
        """The objective of these weights and penalties, with the cut-offs it is best at."""
        scores = self.scores(numbers)
        if self.keep_bands:
            return self._fixed(numbers, scores), numbers
        return self._best_cuts(numbers, scores)

    def _fixed(self, numbers: Numbers, scores: Sequence[float]) -> Objective:
        correct = distance = 0
        for pattern, value, held, lift in zip(self.patterns, scores, self.capped, self.lifted,
                                              strict=True):
            predicted = band_of(value, numbers)
            # Held and lifted at once (a missed need, a lifting criterion met): adequate.
            if held:
                predicted = min(predicted, 1)
            if lift:
                predicted = max(predicted, 1)
            for band, count in enumerate(pattern.counts):
                correct += count * (predicted == band)
                distance += count * abs(predicted - band)
        return correct, -distance

    def _best_cuts(self, numbers: Numbers, scores: Sequence[float]) -> tuple[Objective, Numbers]:
        cuts = self.cuts
        # bucket b holds scores at or above exactly b cut-offs: the band is weak below the
        # adequate index, strong from the strong index on.
        # Capped patterns apart: they are weak below the adequate cut-off, else adequate.
        # Lifted patterns too: adequate below the strong cut-off, else strong.
        buckets = [[0, 0, 0] for _ in range(len(cuts) + 1)]
        held_buckets = [[0, 0, 0] for _ in range(len(cuts) + 1)]
        lifted_buckets = [[0, 0, 0] for _ in range(len(cuts) + 1)]
        # Held and lifted at once (a missed need, a lifting criterion met): adequate whatever
        # the cut-offs.
        always_correct = always_distance = 0
        for pattern, value, held, lift in zip(self.patterns, scores, self.capped, self.lifted,
                                              strict=True):
            if held and lift:
                always_correct += pattern.counts[1]
                always_distance += pattern.counts[0] + pattern.counts[2]
                continue
            group = held_buckets if held else lifted_buckets if lift else buckets
            bucket = group[bisect_right(cuts, value)]
            for band, count in enumerate(pattern.counts):
                bucket[band] += count
        weak, adequate, strong = _below(buckets)
        n_weak, n_adequate, n_strong = weak[-1], adequate[-1], strong[-1]
        held_weak, held_adequate, held_strong = _below(held_buckets)
        lift_weak, lift_adequate, lift_strong = _below(lifted_buckets)
        # Index i stands for the cut-off cuts[i - 1]; these are the current ones.
        a0 = bisect_left(cuts, numbers.adequate) + 1
        s0 = bisect_left(cuts, numbers.strong) + 1
        best: tuple[int, int, int] | None = None
        best_at = (a0, s0)
        for a in range(1, len(cuts)):
            for s in range(a + 1, len(cuts) + 1):
                correct = (always_correct + weak[a] + adequate[s] - adequate[a]
                           + n_strong - strong[s]
                           + held_weak[a] + held_adequate[-1] - held_adequate[a]
                           + lift_adequate[s] + lift_strong[-1] - lift_strong[s])
                distance = (always_distance + weak[s] - weak[a] + 2 * (n_weak - weak[s])
                            + adequate[a] + n_adequate - adequate[s]
                            + 2 * strong[a] + strong[s] - strong[a]
                            + held_weak[-1] - held_weak[a] + held_adequate[a]
                            + 2 * held_strong[a] + held_strong[-1] - held_strong[a]
                            + lift_weak[s] + lift_strong[s]
                            + 2 * (lift_weak[-1] - lift_weak[s])
                            + lift_adequate[-1] - lift_adequate[s])
                key = (correct, -distance, -abs(a - a0) - abs(s - s0))
                if best is None or key > best:
                    best, best_at = key, (a, s)
        assert best is not None
        a, s = best_at
        return (best[0], best[1]), replace(numbers, adequate=cuts[a - 1], strong=cuts[s - 1])


def _below(buckets: Sequence[Sequence[int]]) -> list[list[int]]:
    """below[band][i]: replies of that band in buckets under i."""
    below = [[0] * (len(buckets) + 1) for _ in range(3)]
    for band in range(3):
        run = below[band]
        for i, bucket in enumerate(buckets):
            run[i + 1] = run[i] + bucket[band]
    return below


def rounded(start: Numbers, limits: Limits, *, keep_bands: bool = False) -> Numbers:
    """The start moved onto the grid: the search only ever proposes readable numbers."""
    cuts = limits.cuts()
    adequate, strong = start.adequate, start.strong
    if not keep_bands:
        adequate = _nearest(adequate, cuts[:-1])
        strong = _nearest(strong, [c for c in cuts if c > adequate])
    return Numbers(
        tuple(_nearest(w, limits.weights()) for w in start.weights),
        tuple(p if p == 0 and c else _nearest(p, limits.penalties())
              for p, c in zip(start.penalties, start.caps or [False] * len(start.penalties),
                              strict=True)),
        adequate, strong, start.caps, start.lifts, start.needs, start.needs_one_of,
    )


def fit(
    observations: Sequence[Observation],
    start: Numbers,
    *,
    keep_bands: bool = False,
    out_of: float | None = None,
    limits: Limits | None = None,
) -> Numbers:
    """The numbers that best place these replies in their labelled bands, starting at `start`.

    A flag that no reply raises keeps its penalty: nothing here says what it should be.
    """
    limits = (limits or Limits()).for_start(start)
    search = _Search(observations, limits, out_of, keep_bands, start.caps, start.lifts,
                     start.needs, start.needs_one_of)
    current = rounded(start, limits, keep_bands=keep_bands)
    evidence = [any(p.raised[j] for p in search.patterns) for j in range(len(start.penalties))]
    current = replace(current, penalties=tuple(
        new if seen else old
        for new, old, seen in zip(current.penalties, start.penalties, evidence, strict=True)
    ))
    objective, current = search.evaluate(current)
    begin = current
    weight_grid, penalty_grid = limits.weights(), limits.penalties()
    for _ in range(MAX_PASSES):
        improved = False
        for i in range(len(current.weights)):
            objective, current, moved = _step(search, objective, current, weight_grid, i, True)
            improved |= moved
        for j, seen in enumerate(evidence):
            if seen:
                objective, current, moved = _step(
                    search, objective, current, penalty_grid, j, False)
                improved |= moved
        if not improved:
            break
    return _tidy(search, objective, current, begin, evidence, weight_grid, penalty_grid)


def _tidy(search: _Search, objective: Objective, current: Numbers, begin: Numbers,
          evidence: Sequence[bool], weight_grid: Sequence[float],
          penalty_grid: Sequence[float]) -> Numbers:
    """Each number moved back towards where it started as far as agreement allows.

    The search keeps the first strictly better value it meets, which may overshoot; a trainer
    reads the change, so the fit changes no number further than the labels ask for.
    """
    for i, origin in enumerate(begin.weights):
        objective, current = _settle(search, objective, current, weight_grid, i, True, origin)
    for j, origin in enumerate(begin.penalties):
        if evidence[j]:
            objective, current = _settle(
                search, objective, current, penalty_grid, j, False, origin)
    return current


def _settle(search: _Search, objective: Objective, current: Numbers, grid: Sequence[float],
            index: int, weight: bool, origin: float) -> tuple[Objective, Numbers]:
    values = current.weights if weight else current.penalties
    now = values[index]
    between = sorted((g for g in grid if abs(g - origin) < abs(now - origin)),
                     key=lambda g: (abs(g - origin), g))
    for candidate in between:
        changed = (*values[:index], candidate, *values[index + 1:])
        trial = replace(current, weights=changed) if weight else replace(
            current, penalties=changed)
        got, placed = search.evaluate(trial)
        if got >= objective:
            return got, placed
    return objective, current


def _step(search: _Search, objective: Objective, current: Numbers, grid: Sequence[float],
          index: int, weight: bool) -> tuple[Objective, Numbers, bool]:
    """Try every grid value for one number; keep the best if strictly better than now."""
    values = current.weights if weight else current.penalties
    now = values[index]
    best, moved = current, False
    # Nearest first, so of equally good values the smallest change wins.
    for candidate in sorted(grid, key=lambda g: (abs(g - now), g)):
        if candidate == now:
            continue
        changed = (*values[:index], candidate, *values[index + 1:])
        trial = replace(current, weights=changed) if weight else replace(
            current, penalties=changed)
        got, placed = search.evaluate(trial)
        if got > objective:
            objective, best, moved = got, placed, True
    return objective, best, moved


def folds_of(observations: Sequence[Observation], folds: int, seed: int) -> list[list[int]]:
    """Stratified folds: each band's replies shuffled with `seed` and dealt round the folds."""
    rng = random.Random(seed)
    dealt: list[list[int]] = [[] for _ in range(folds)]
    turn = 0
    for band in range(3):
        members = [i for i, obs in enumerate(observations) if obs.band == band]
        rng.shuffle(members)
        for index in members:
            dealt[turn % folds].append(index)
            turn += 1
    return [sorted(fold) for fold in dealt]


def cross_validate(
    observations: Sequence[Observation],
    start: Numbers,
    *,
    folds: int,
    seed: int,
    keep_bands: bool = False,
    out_of: float | None = None,
    limits: Limits | None = None,
) -> Agreement:
    """Agreement on held-out replies: each fold scored by numbers fitted on the other folds."""
    total = Agreement(0, 0, 0, 0)
    for held in folds_of(observations, folds, seed):
        held_set = set(held)
        train = [obs for i, obs in enumerate(observations) if i not in held_set]
        fitted = fit(train, start, keep_bands=keep_bands, out_of=out_of, limits=limits)
        total += agreement([observations[i] for i in held], fitted, out_of)
    return total
