"""Scenario files (scenarios/<track>/<id>.yaml): a branching conversation with one counterpart."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import Field

from simulator.model.base import Outcome, Slug, Strict, Text, Track
from simulator.model.conditions import RunWhen, When
from simulator.model.rubric import Criterion

MAX_CHOICES = 9

QUOTE = re.compile(r"\{quote:([a-z0-9][a-z0-9_-]*)\}")
"""`{quote:ID}` in a line: the learner's own words that met criterion ID or raised flag ID
on the reply that led here. Only this exact shape is replaced; nothing else is interpreted."""


class Line(Strict):
    """A counterpart line that is spoken only when its condition holds."""

    line: Text
    """What the counterpart says; `{quote:ID}` quotes the learner's evidence for ID."""
    when: When | None = None
    """The same conditions as `next`, on the reply that led to this beat or ending. A line
    whose `when` holds wins over the plain lines; a line quoting evidence the reply does not
    have is never spoken."""


Lines = Text | Annotated[list[Text | Line], Field(min_length=1)]
"""One line, or a list: plain variants (picked reproducibly from the session's seed) and
lines with `when`, which are spoken instead when they hold."""


class Meter(Strict):
    """A meter with a name the learner reads."""

    start: int = 0
    """The starting value."""
    label: Text | None = None
    """What the learner sees, such as "Fiona's trust in you"; the meter's id when left out."""


class DebriefPart(Strict):
    """A paragraph of an ending's debrief shown only when its condition held over the run."""

    text: Text
    """Markdown."""
    when: RunWhen
    """Over the whole run: criteria met or never met, flags raised or not."""


DebriefText = Text | Annotated[list[Text | DebriefPart], Field(min_length=1)]
"""Markdown, or a list of paragraphs: plain ones always shown, parts with `when` only when
it holds."""


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
    debrief: DebriefText
    """Markdown for the debrief: what happened, what worked, what to try next. A list may hold
    parts with `when`, so advice is shown only to a learner who needs it."""


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
    meters: dict[Slug, int | Meter] = {}
    """Named numbers with their starting values, such as `{trust: 0}`, or with a label the
    learner reads: `{trust: {start: 0, label: "Fiona's trust in you"}}`."""
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

    @property
    def starting_meters(self) -> dict[str, int]:
        """Each meter's starting value."""
        return {
            name: meter if isinstance(meter, int) else meter.start
            for name, meter in self.meters.items()
        }

    def meter_label(self, name: str) -> str:
        """The words the learner reads for a meter."""
        meter = self.meters.get(name)
        label = meter.label if isinstance(meter, Meter) else None
        return label or name.replace("_", " ").replace("-", " ")
