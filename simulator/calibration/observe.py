"""Each labelled reply scored once by the rubric as it stands: the vectors the fitter works on."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from simulator.calibration.fit import BANDS, Numbers, Observation, band_of, score
from simulator.calibration.rows import LabelledRow
from simulator.loading.problems import Problem
from simulator.model import Rubric
from simulator.scoring import CompiledRubric, ReplyError


def numbers_of(rubric: Rubric) -> Numbers:
    """The rubric's own weights, penalties and cut-offs."""
    return Numbers(
        tuple(c.weight for c in rubric.criteria),
        tuple(f.penalty for f in rubric.flags),
        rubric.bands.adequate,
        rubric.bands.strong,
        tuple(f.caps is not None for f in rubric.flags),
        tuple(c.lifts is not None for c in rubric.criteria),
        tuple(c.needed_for is not None for c in rubric.criteria),
        tuple(c.id in (rubric.strong_needs_one_of or ()) for c in rubric.criteria),
    )


def out_of(rubric: Rubric) -> float | None:
    """The weight that earns full marks, if this rubric names one; else the total weight."""
    value = getattr(rubric, "out_of", None)
    return float(value) if isinstance(value, int | float) and value > 0 else None


@dataclass(slots=True)
class FlagAgreement:
    """The detectors' flags against the labels' (calibration leaves the detectors alone)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def f1(self) -> float:
        return 2 * self.tp / (2 * self.tp + self.fp + self.fn) if self.tp else 0.0


@dataclass(slots=True)
class Observed:
    observations: list[Observation] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    flags: FlagAgreement = field(default_factory=FlagAgreement)
    """All flags together."""
    per_flag: dict[str, FlagAgreement] = field(default_factory=dict)
    """Each flag: a penalty the fit cuts may be a detector that fires where labels say no."""
    departures: list[str] = field(default_factory=list)
    """Replies whose score or band is not the formula's (a rule beyond weights and penalties,
    such as a cap on very short replies): `file:line: what differs`. They are left out of the
    observations, since no choice of numbers moves them the way the fitter would assume."""


def observe(compiled: CompiledRubric, rows: Sequence[LabelledRow]) -> Observed:
    rubric = compiled.rubric
    ids = [c.id for c in rubric.criteria]
    flag_ids = [f.id for f in rubric.flags]
    numbers, full = numbers_of(rubric), out_of(rubric)
    observed = Observed(per_flag={f: FlagAgreement() for f in flag_ids})
    for row in rows:
        try:
            result = compiled.score(row.text, context=row.context)
        except ReplyError as exc:
            observed.problems.append(Problem(row.path, row.line, 1, f'"text": {exc}'))
            continue
        met_ids = set(result.met)
        raised_ids = set(result.flag_ids)
        met = tuple(i in met_ids for i in ids)
        raised = tuple(f in raised_ids for f in flag_ids)
        formula = score(numbers, met, raised, full, result.needs_unmet)
        departs = abs(formula - result.score) > 1e-6 or result.band.value != BANDS[
            band_of(formula, numbers)
        ]
        if departs:
            observed.departures.append(
                f"{row.path}:{row.line}: scored {result.score:.3f} ({result.band.value}) where "
                f"weights and penalties give {formula:.3f} ({BANDS[band_of(formula, numbers)]})"
            )
        else:
            observed.observations.append(Observation(met, raised, row.band, result.needs_unmet))
        flags = observed.flags
        flags.tp += len(raised_ids & row.flags)
        flags.fp += len(raised_ids - row.flags)
        flags.fn += len(row.flags - raised_ids)
        if departs:
            # Reported beside "raised by N of" the fitted replies, so only those count here.
            continue
        for flag_id, counts in observed.per_flag.items():
            counts.tp += flag_id in raised_ids and flag_id in row.flags
            counts.fp += flag_id in raised_ids and flag_id not in row.flags
            counts.fn += flag_id not in raised_ids and flag_id in row.flags
    return observed
