"""`when`: the typed conditions that choose a branch. A mapping whose keys must all hold."""

from __future__ import annotations

from typing import Annotated, Literal, Self

from pydantic import Field, model_validator

from simulator.model.base import Band, Slug, Strict

Score = Annotated[float, Field(ge=0.0, le=1.0)]


class MeterTest(Strict):
    """A bound on a meter's current value."""

    at_least: int | None = None
    """The meter is at least this."""
    below: int | None = None
    """The meter is below this."""

    @model_validator(mode="after")
    def _has_bound(self) -> Self:
        if self.at_least is None and self.below is None:
            raise ValueError("give `at_least`, `below` or both")
        return self


class When(Strict):
    """Every key given must hold for the branch to be taken."""

    band: Band | Annotated[list[Band], Field(min_length=1)] | None = None
    """The turn's band, or one of a list of bands."""
    score_at_least: Score | None = None
    """The turn's score is at least this."""
    score_below: Score | None = None
    """The turn's score is below this."""
    met: Annotated[list[Slug], Field(min_length=1)] | None = None
    """Every one of these criteria was met this turn."""
    missed: Annotated[list[Slug], Field(min_length=1)] | None = None
    """Every one of these criteria was missed this turn."""
    flags_any: Annotated[list[Slug], Field(min_length=1)] | None = None
    """At least one of these flags was raised this turn."""
    no_flags: Literal[True] | None = None
    """No flag at all was raised this turn (write `no_flags: true`)."""
    meter: Annotated[dict[Slug, MeterTest], Field(min_length=1)] | None = None
    """Meter bounds after this turn's effects so far, such as `{trust: {at_least: 1}}`."""
    turn_at_least: Annotated[int, Field(ge=1)] | None = None
    """This is at least the learner's Nth reply."""
    any: Annotated[list[When], Field(min_length=1)] | None = None
    """At least one of these conditions holds."""
    not_: When | None = Field(default=None, alias="not")
    """This condition does not hold."""

    model_config = Strict.model_config | {"populate_by_name": True}

    @model_validator(mode="after")
    def _not_empty(self) -> Self:
        if not self.model_fields_set:
            raise ValueError(
                "an empty `when` always holds; remove it to make this the fallback branch"
            )
        return self


When.model_rebuild()


class RunWhen(Strict):
    """A condition over a whole run, for debrief parts. Every key given must hold."""

    met: Annotated[list[Slug], Field(min_length=1)] | None = None
    """Each of these criteria was met on at least one reply."""
    never_met: Annotated[list[Slug], Field(min_length=1)] | None = None
    """None of these criteria was met on any reply: advice about them is still news."""
    flags_any: Annotated[list[Slug], Field(min_length=1)] | None = None
    """At least one of these flags was raised on some reply."""
    no_flags: Literal[True] | None = None
    """No flag was raised on any reply (write `no_flags: true`)."""
    not_flags: Annotated[list[Slug], Field(min_length=1)] | None = None
    """None of these flags was raised on any reply."""
    last: When | None = None
    """The reply that reached the ending meets this (the same conditions as `next`), such as
    `{band: strong}`: a strong last reply needs no advice about the ask."""

    @model_validator(mode="after")
    def _not_empty(self) -> Self:
        if not self.model_fields_set:
            raise ValueError("an empty `when` always holds; make this part plain text instead")
        return self
