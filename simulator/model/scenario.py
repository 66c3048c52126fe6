"""Scenario files (scenarios/<track>/<id>.yaml): a branching conversation with one counterpart."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from simulator.model.base import Outcome, Slug, Strict, Text, Track
from simulator.model.conditions import When
from simulator.model.rubric import Criterion

MAX_CHOICES = 9

Lines = Text | Annotated[list[Text], Field(min_length=1)]
"""One line, or a list of variants picked reproducibly from the session's seed."""


class Counterpart(Strict):
    """The person the learner talks to."""

    name: Text
    """Their name, shown beside each of their lines."""
    role: Text
    """Their role, such as "Chief Financial Officer"."""
    style: Text | None = None
    """How they come across, for the briefing."""


class Next(Strict):
    """One branch out of a beat. The first whose `when` holds is taken."""

    to: Slug
    """The beat or ending to go to."""
    when: When | None = None
    """The condition; leave it out on the one fallback branch, which must come last."""
    effects: dict[Slug, int] = {}
    """Changes to meters when this branch is taken, such as `{trust: -1}`."""


class Beat(Strict):
    """A point in the conversation: the counterpart speaks, the learner replies."""

    say: Lines
    """What the counterpart says."""
    choices: Annotated[list[Text], Field(max_length=MAX_CHOICES)] = []
    """Suggested replies; the learner may always type their own."""
    focus: list[Criterion] = []
    """Criteria added to the rubric for this turn only."""
    next: Annotated[list[Next], Field(min_length=1)]
    """The branches, tried in order; exactly one without `when`, last."""


class Ending(Strict):
    """Where a conversation ends."""

    say: Lines
    """The counterpart's last line."""
    outcome: Outcome
    """`success`, `partial` or `setback`."""
    debrief: Text
    """Markdown for the debrief: what happened, what worked, what to try next."""


class ExpectedRun(Strict):
    """What an example must produce."""

    ending: Slug
    """The ending reached."""
    path: Annotated[list[Slug], Field(min_length=2)] | None = None
    """Optionally the whole path, from `start` to the ending."""


class Example(Strict):
    """A golden run: replayed by `upward test` and by `upward validate`."""

    name: Text
    """What the example shows."""
    seed: int = 0
    """The session seed to replay with."""
    responses: Annotated[list[Text], Field(min_length=1)]
    """The learner's replies in order; `/1`..`/9` picks a suggested choice."""
    expect: ExpectedRun
    """The ending and, optionally, the path."""


class Scenario(Strict):
    """A scenario file."""

    id: Slug
    """Unique across the library; the file is named `<id>.yaml`."""
    title: Text
    """The title in the scenario list."""
    track: Track
    """`junior` (the learner is the junior mentor) or `senior` (the senior mentee)."""
    rubric: Slug
    """The id of the rubric that scores each reply."""
    difficulty: Annotated[int, Field(ge=1, le=3)]
    """1 (gentle) to 3 (hard)."""
    tags: list[Slug] = []
    """Themes for filtering, such as `technical` or `inclusion`."""
    summary: Text
    """One line for the scenario list."""
    briefing: Text
    """Markdown shown before the first line: the situation and what is at stake."""
    goal: Text | None = None
    """The learner's goal in one sentence, shown on the briefing."""
    counterpart: Counterpart
    """The person the learner talks to."""
    meters: dict[Slug, int] = {}
    """Named numbers with their starting values, such as `{trust: 0}`."""
    max_turns: Annotated[int, Field(ge=1, le=100)] | None = None
    """When this many replies have been given, the conversation goes to `on_max_turns`."""
    on_max_turns: Slug | None = None
    """The ending reached when `max_turns` is used up."""
    start: Slug
    """The first beat."""
    beats: Annotated[dict[Slug, Beat], Field(min_length=1)]
    """The beats by id."""
    endings: Annotated[dict[Slug, Ending], Field(min_length=1)]
    """The endings by id."""
    examples: list[Example] = []
    """Golden runs for `upward test`."""
