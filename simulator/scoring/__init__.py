"""Scoring a learner's reply against a rubric: deterministic, explainable, fast.

    from simulator.scoring import CompiledRubric, compile_criteria
    compiled = CompiledRubric.compile(rubric)
    result = compiled.score(text, focus=compile_criteria(beat.focus))

Every met criterion and raised flag carries the spans of the original text that triggered it.
This package never imports the user interface.
"""

from simulator.scoring.result import CriterionResult, FlagResult, ReplyError, ScoreResult, Span
from simulator.scoring.rubric import (
    MAX_REPLY_CHARS,
    CompiledCriteria,
    CompiledRubric,
    compile_criteria,
)

__all__ = [
    "MAX_REPLY_CHARS",
    "CompiledCriteria",
    "CompiledRubric",
    "CriterionResult",
    "FlagResult",
    "ReplyError",
    "ScoreResult",
    "Span",
    "compile_criteria",
]
