"""Rubric files (rubrics/<id>.yaml): weighted criteria, flags with penalties, band thresholds."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Literal, Self

from pydantic import AfterValidator, Field, StringConstraints, model_validator

from simulator.model.base import Slug, Strict, Text, Track
from simulator.model.detectors import Detector, outcome_refs
from simulator.model.patterns import LEXICON_NAME, check_entry

MAX_EXAMPLE_CHARS = 2_000
MAX_EXAMPLES = 50
MAX_LEXICON_ENTRIES = 2_000

LexiconName = Annotated[str, StringConstraints(pattern=f"^{LEXICON_NAME}$", max_length=64)]
"""A lexicon's name, as `@name` refers to it: `hedges`, `soft_hedges`, `past-tense-regret`."""

LexiconEntry = Annotated[
    str, StringConstraints(min_length=1, max_length=200), AfterValidator(check_entry)
]
"""A plain word or phrase (inflections match), or `@name` for all of another lexicon."""

Lexicons = dict[
    LexiconName,
    Annotated[list[LexiconEntry], Field(min_length=1, max_length=MAX_LEXICON_ENTRIES)],
]
"""Named word lists: `{hedges: [maybe, perhaps, i guess]}`."""

ExampleText = Annotated[str, StringConstraints(min_length=1, max_length=MAX_EXAMPLE_CHARS)]


class ExampleReply(Strict):
    """An example reply with the counterpart's line it answers, for `overlap` and topic rules."""

    reply: ExampleText
    """What the learner says."""
    context: ExampleText
    """What the counterpart had just said."""


Example = ExampleText | ExampleReply
"""A reply as text, or `{reply: ..., context: ...}` when the counterpart's line matters."""


class Examples(Strict):
    """Replies that show what a criterion or flag means; `upward test` checks every one."""

    match: Annotated[list[Example], Field(max_length=MAX_EXAMPLES)] = []
    """Replies that must meet the criterion (or raise the flag)."""
    no_match: Annotated[list[Example], Field(max_length=MAX_EXAMPLES)] = []
    """Replies that must not: near misses, negations, the same words meaning something else."""

    @model_validator(mode="after")
    def _some(self) -> Self:
        if not self.match and not self.no_match:
            raise ValueError("give `match`, `no_match` or both")
        return self


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
    note: Text | None = None
    """What the evidence says when the detector has no words to point at (a whole-reply test
    such as length or "no question back"), e.g. "Short enough to leave them room"."""
    examples: Examples | None = None
    """Replies that must meet it (`match`) and must not (`no_match`)."""
    lifts: Literal["adequate"] | None = None
    """When met and no flag is raised, the reply is at least adequate: a weak score is raised
    into the lower half of the adequate band, keeping its order. For the polite, shallow reply
    LABELS.md calls adequate ("generic thanks, no curiosity, no commitment"), which its small
    weight alone leaves weak."""
    needed_for: Literal["strong"] | None = None
    """When missed, the reply is at most adequate: a score at or above `strong` is held just
    under it, as a capping flag holds it. For what a band's definition requires whatever else
    the reply earns: LABELS.md's strong challenge "invites the senior's view or proposes a next
    step", which weights alone cannot require without sinking the replies that lack only that
    (adequate: "missing impact or invitation")."""


class Flag(Strict):
    """A behaviour the rubric penalises."""

    id: Slug
    """Unique within the rubric; `when: {flags_any: [...]}` refers to it."""
    label: Text
    """A short name the learner sees, such as "Over-apologising"."""
    penalty: Annotated[float, Field(ge=0.0, le=1.0)]
    """Subtracted from the score when the flag is raised (0 only with `caps`)."""
    caps: Literal["adequate"] | None = None
    """When raised, the reply is at most adequate: its score is held just under `strong`.
    For slips that keep a sound reply from being strong without making it weak (one hedge, one
    apology), which a penalty alone cannot do for short and full replies at once."""
    weak_at: Annotated[int, Field(ge=2, le=10)] | None = None
    """Raised with at least this many separate pieces of evidence (two blaming remarks, not one
    remark), the reply is weak whatever else it earns: its score is held just under `adequate`.
    For the behaviour that, repeated, is the reply: LABELS.md's weak junior reply is
    "aggressive, blaming or contemptuous"."""
    detect: Detector
    """How the behaviour is recognised."""
    feedback: Text
    """A concrete tip a trainer would give."""
    note: Text | None = None
    """What the evidence says when the detector has no words to point at."""
    examples: Examples | None = None
    """Replies that must raise it (`match`) and must not (`no_match`)."""

    @model_validator(mode="after")
    def _lowers_something(self) -> Self:
        if self.penalty == 0 and self.caps is None:
            raise ValueError(
                "a flag must lower the reply: give `penalty` above 0, or `caps: adequate`"
            )
        return self


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
    out_of: Annotated[float, Field(gt=0.0, le=10_000.0)] | None = None
    """The criterion weight that earns full marks; without it, all of the weights. With
    `out_of: 10` and weights summing to 16, a reply meeting criteria worth 7 scores 0.7."""
    short_reply_words: Annotated[int, Field(ge=0, le=50)] = 4
    """A reply of this many words or fewer never scores above adequate, and one of one or two
    words that are nothing but a criterion's matched words ("Fair point.") does not meet it;
    0 turns both rules off."""
    strong_needs_one_of: Annotated[list[Slug], Field(min_length=2, max_length=8)] | None = None
    """Criteria of which a strong reply meets at least one: with none of them met, a score at
    or above `strong` is held just under it, as `needed_for: strong` holds it for one criterion.
    For a band definition that asks for one move among several: LABELS.md's strong senior reply
    asks, owns a gap or commits, and the polite reply that does none of them is "shallow"."""
    strong_needs: Detector | None = None
    """A test a strong reply must pass too, judged after the criteria and flags, so it may use
    `met`, `raised`, `words` and `count`: when it does not match, a score at or above `strong`
    is held just under it. For a band definition that weighs moves together: "a strong reply
    asks to learn more, or owns a gap and commits, or does one of them at some length" is
    `any: [{met: [curious]}, {count: {at_least: 2, of: [...]}}, ...]`."""
    lexicons: Lexicons = {}
    """Named word lists for this rubric; `@name` in `phrases` and `patterns` uses them.
    Shared ones live in `rubrics/lexicons/*.yaml`."""
    criteria: Annotated[list[Criterion], Field(min_length=1)]
    """The behaviours rewarded."""
    flags: list[Flag] = []
    """The behaviours penalised."""


class LexiconFile(Strict):
    """A file of shared lexicons (rubrics/lexicons/<name>.yaml), usable from every rubric."""

    description: Text | None = None
    """Optional notes for trainers: what the lists are for, where they came from."""
    lexicons: Annotated[Lexicons, Field(min_length=1)]
    """Named word lists: `{hedges: [maybe, perhaps, i guess]}`; names are unique across files."""


class FlagLoop(ValueError):
    """Flags whose `raised` names lead back to themselves: none can be judged first."""

    def __init__(self, loop: list[str]) -> None:
        super().__init__("flags depend on each other in a loop: " + " -> ".join(loop))
        self.loop = loop


def flag_order(flags: Sequence[Flag]) -> tuple[int, ...]:
    """The order to judge flags in: each after the flags its `raised` names (file order
    otherwise). Raises `FlagLoop` when flags depend on each other in a loop; a flag naming
    itself is not one (the loader refuses it with its own message; scoring finds it not yet
    raised)."""
    index = {flag.id: i for i, flag in enumerate(flags)}
    after = [
        sorted({index[name] for _, kind, name in outcome_refs(flag.detect)
                if kind == "raised" and name in index and name != flag.id})
        for flag in flags
    ]
    order: list[int] = []
    state = [0] * len(flags)  # 0 unseen, 1 on the current path, 2 placed

    def place(i: int, path: tuple[int, ...]) -> None:
        if state[i] == 2:
            return
        if state[i] == 1:
            raise FlagLoop([flags[j].id for j in path[path.index(i):]] + [flags[i].id])
        state[i] = 1
        for j in after[i]:
            place(j, (*path, i))
        state[i] = 2
        order.append(i)

    for i in range(len(flags)):
        place(i, ())
    return tuple(order)
