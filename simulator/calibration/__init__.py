"""Calibration: a rubric's weights, penalties and cut-offs fitted to a programme's labelled replies.

    rows, problems = read_rows(path, flag_ids, track)      # LABELS.md JSON lines, checked
    observed = observe(CompiledRubric.compile(rubric), rows)  # each reply scored once
    numbers = fit.fit(observed.observations, numbers_of(rubric))   # the module `fit`
    held_out = cross_validate(observed.observations, numbers_of(rubric), folds=5, seed=0)

The detectors are never changed; only the numbers move, and every weight and penalty stays above
zero, so a criterion only ever raises a score and a flag only ever lowers it. Writing the numbers
back into the YAML (`write_numbers`, keeping comments) imports ruamel.yaml only when called.
Depends on scoring and loading only.
"""

from simulator.calibration.fit import (
    Agreement,
    Limits,
    Numbers,
    Observation,
    agreement,
    cross_validate,
    folds_of,
    score,
)
from simulator.calibration.observe import Observed, numbers_of, observe, out_of
from simulator.calibration.rows import LabelledRow, NotTrainingData, read_rows
from simulator.calibration.writeback import WriteError, write_numbers

__all__ = [
    "Agreement",
    "LabelledRow",
    "Limits",
    "NotTrainingData",
    "Numbers",
    "Observation",
    "Observed",
    "WriteError",
    "agreement",
    "cross_validate",
    "folds_of",
    "numbers_of",
    "observe",
    "out_of",
    "read_rows",
    "score",
    "write_numbers",
]
