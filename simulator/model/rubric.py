"""Rubric files (rubrics/<id>.yaml): weighted criteria, flags with penalties, band thresholds."""

from __future__ import annotations

from typing import Annotated, Self

from pydantic import Field, model_validator

from simulator.model.base import Slug, Strict, Text, Track
from simulator.model.detectors import Detector


class Bands(Strict):
    """Score thresholds: at or above `strong` is strong, at or above `adequate` is adequate."""

    strong: Annotated[float, Field(gt=0.0, le=1.0)]
    """The lowest score that counts as strong."""
    adequate: Annotated[float, Field(ge=0.0, lt=1.0)]
    """The lowest score that counts as adequate; below it the reply is weak."""

    @model_validator(mode="after")
    def _strong_above_adequate(self) -> Self:
        if self.strong <= self.adequate:
            raise ValueError(
                f"`strong` ({self.strong}) must be above `adequate` ({self.adequate})"
            )
        return self


class CriterionFeedback(Strict):
    """What the learner reads when the criterion is met or missed."""

    met: Text
    """Said when the reply meets the criterion: name what worked."""
    missed: Text
    """Said when it does not: what to try, ideally with a short example."""


class Criterion(Strict):
    """A behaviour the rubric rewards."""

    id: Slug
    """Unique within the rubric; `when: {met: [...]}` and `focus` refer to it."""
    label: Text
    """A short name the learner sees, such as "Names a specific observation"."""
    weight: Annotated[float, Field(gt=0.0, le=100.0)] = 1.0
    """How much it counts towards the score, relative to the other criteria."""
    detect: Detector
    """How the behaviour is recognised."""
    feedback: CriterionFeedback | None = None
    """Feedback for met and missed; a focus criterion may leave it out."""


class Flag(Strict):
    """A behaviour the rubric penalises."""

    id: Slug
    """Unique within the rubric; `when: {flags_any: [...]}` refers to it."""
    label: Text
    """A short name the learner sees, such as "Over-apologising"."""
    penalty: Annotated[float, Field(gt=0.0, le=1.0)]
    """Subtracted from the score when the flag is raised."""
    detect: Detector
    """How the behaviour is recognised."""
    feedback: Text
    """A concrete tip a trainer would give."""


class Rubric(Strict):
    """A rubric file."""

    id: Slug
    """Unique across the library; the file is named `<id>.yaml`."""
    title: Text
    """What the rubric trains, in a few words."""
    track: Track
    """`junior` or `senior`: who the learner is."""
    description: Text | None = None
    """Optional notes for trainers."""
    bands: Bands
    """Score thresholds for the bands."""
    criteria: Annotated[list[Criterion], Field(min_length=1)]
    """The behaviours rewarded."""
    flags: list[Flag] = []
    """The behaviours penalised."""
