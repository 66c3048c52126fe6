"""Shared building blocks of the scenario and rubric models."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

SLUG_PATTERN = r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$"

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, min_length=1, max_length=64)]
"""Lower-case letters and digits joined by single hyphens or underscores: `board-dashboard`."""

Text = Annotated[str, StringConstraints(min_length=1, max_length=20_000)]
"""Any non-empty text a learner reads (a line, a briefing, a tip)."""


class Strict(BaseModel):
    """Every file model forbids unknown keys, so a typo is an error and never silently ignored."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        use_attribute_docstrings=True,
        str_strip_whitespace=False,
    )


class Track(StrEnum):
    """Who the learner is."""

    junior = "junior"
    senior = "senior"


class Band(StrEnum):
    """How well a reply did, from the rubric's thresholds."""

    strong = "strong"
    adequate = "adequate"
    weak = "weak"


class Outcome(StrEnum):
    """How an ending went for the learner."""

    success = "success"
    partial = "partial"
    setback = "setback"
