"""The file models: what a scenario and a rubric may hold. Pure data, no I/O."""

from simulator.model.base import Band, Outcome, Slug, Strict, Track
from simulator.model.conditions import MeterTest, When
from simulator.model.detectors import (
    DETECTOR_KINDS,
    AllDetector,
    AnyDetector,
    CountDetector,
    Detector,
    IStatementsDetector,
    NotDetector,
    PhrasesDetector,
    QuestionDetector,
    RegexDetector,
    WordsDetector,
    YouStatementsDetector,
)
from simulator.model.rubric import Bands, Criterion, CriterionFeedback, Flag, Rubric
from simulator.model.scenario import (
    Beat,
    Counterpart,
    Ending,
    Example,
    ExpectedRun,
    Next,
    Scenario,
)

__all__ = [
    "DETECTOR_KINDS",
    "AllDetector",
    "AnyDetector",
    "Band",
    "Bands",
    "Beat",
    "CountDetector",
    "Counterpart",
    "Criterion",
    "CriterionFeedback",
    "Detector",
    "Ending",
    "Example",
    "ExpectedRun",
    "Flag",
    "IStatementsDetector",
    "MeterTest",
    "Next",
    "NotDetector",
    "Outcome",
    "PhrasesDetector",
    "QuestionDetector",
    "RegexDetector",
    "Rubric",
    "Scenario",
    "Slug",
    "Strict",
    "Track",
    "When",
    "WordsDetector",
    "YouStatementsDetector",
]
