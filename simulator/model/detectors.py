"""Detectors: how a rubric recognises a behaviour in a reply.

A detector is a mapping with exactly one kind key (`phrases`, `patterns`, `regex`, `question`,
`words`, `overlap`, `i_statements`, `you_statements`, `met`, `raised`, `any`, `all`, `not`,
`count`). Nothing here is ever run as code; regexes are compiled with RE2, which matches in
linear time, and word patterns are read by `simulator.model.patterns` and compiled to RE2 too.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any, Literal, Self

import re2
from pydantic import Discriminator, Field, Tag, field_validator, model_validator

from simulator.model.base import Slug, Strict
from simulator.model.patterns import PatternError, read_pattern
from simulator.model.regex_hints import re2_hint

MAX_PHRASES = 500
MAX_PATTERNS = 200
MAX_REGEX_LENGTH = 2_000

Position = Literal[
    "anywhere", "first_sentence", "last_sentence", "first_clause", "last_clause"
]
"""Where in the reply a match must sit; clauses are split at commas, semicolons, dashes and at
contrast words (but, however, though, although, yet, whereas, that said)."""


class Scoped(Strict):
    """Options that keep a match only where it carries weight; all off by default."""

    unless_negated: bool = False
    """Ignore a match with a negation just before it in its clause ("I'm not blaming you"); for
    `patterns`, also one inside the match that the pattern does not spell out."""
    unless_undercut: bool = False
    """Ignore a match that a later contrast takes back, in its sentence or the next one: "I hear
    you, but the workshops have always been optional" does not acknowledge."""
    after_contrast: bool = False
    """Count a match only after a contrast word (but, however, though, that said), where the
    weight of a "yes, but" reply lies."""
    position: Position = "anywhere"
    """Count a match only in the first or last sentence or clause, e.g. `last_sentence` for a
    strong opening withdrawn at the end."""


class PhrasesDetector(Scoped):
    """Matches when any phrase occurs as whole words; inflections of each word also match."""

    phrases: Annotated[
        list[Annotated[str, Field(min_length=1, max_length=200)]],
        Field(min_length=1, max_length=MAX_PHRASES),
    ]
    """Phrases such as `for example` or `sorry to bother`, or `@name` for every entry of a
    lexicon; case and quote style do not matter."""


class PatternsDetector(Scoped):
    """Matches when any word pattern occurs: words with choices, optional words and gaps."""

    patterns: Annotated[
        list[Annotated[str, Field(min_length=1, max_length=300)]],
        Field(min_length=1, max_length=MAX_PATTERNS),
    ]
    """Patterns such as `i (had|did) not realise/consider` or `cost us? <money>`; see the
    README for the syntax."""

    @field_validator("patterns")
    @classmethod
    def _readable(cls, patterns: list[str]) -> list[str]:
        for pattern in patterns:
            try:
                read_pattern(pattern)
            except PatternError as exc:
                raise ValueError(str(exc)) from None
        return patterns


def re2_options() -> re2.Options:
    options = re2.Options()
    options.case_sensitive = False
    options.max_mem = 8 << 20
    options.log_errors = False
    return options


class RegexDetector(Scoped):
    """Matches an RE2 regular expression, case-insensitively, against the reply."""

    regex: Annotated[str, Field(min_length=1, max_length=MAX_REGEX_LENGTH)]
    """An RE2 pattern (no backreferences or lookarounds): they would allow slow backtracking."""

    @field_validator("regex")
    @classmethod
    def _compiles_with_re2(cls, pattern: str) -> str:
        try:
            re2.compile(pattern, re2_options())
        except re2.error as exc:
            reason = exc.args[0].decode() if exc.args and isinstance(exc.args[0], bytes) else exc
            raise ValueError(
                f"RE2 cannot compile this pattern ({reason}); {re2_hint(str(reason))}"
            ) from None
        return pattern


QuestionKind = Literal[
    "open", "closed", "any", "tag", "rhetorical", "leading", "off_topic", "on_topic"
]


class QuestionDetector(Strict):
    """Matches a question of one kind; each question's sentence is the evidence."""

    question: QuestionKind
    """`open` asks for an account (what, how, why, tell me...); `closed` asks yes or no; `any`;
    `tag` ends on a tag ("isn't it?", ", will they."); `rhetorical` expects no answer (a tag
    closed with a full stop, "since when?", "who knows?", "did you even..."); `leading` presses
    for one answer ("don't you think?", "surely...?", "wouldn't you agree?"); `off_topic` shares
    no content word with the counterpart's line and `on_topic` at least one (both need the
    line, the `context`, and never match without it)."""
    position: Literal["anywhere", "first_sentence", "last_sentence"] = "anywhere"
    """Count only a question that is the reply's first or last sentence: `last_sentence`
    for a reply that ends by handing them the floor."""


class OverlapSpec(Strict):
    """How many content words the reply must share with the counterpart's line."""

    at_least: Annotated[int, Field(ge=0)] = 1
    """At least this many distinct shared content words."""
    at_most: Annotated[int, Field(ge=0)] | None = None
    """At most this many (`at_most: 0` with `at_least: 0`: shares nothing)."""


class OverlapDetector(Strict):
    """Matches on the content words (not "the", "I", "think") shared with the counterpart's
    line, compared by inflection-folded form; the shared words are the evidence. Without the
    counterpart's line (no `context`) it never matches."""

    overlap: OverlapSpec


class WordRange(Strict):
    """A bound on the reply's length in words."""

    min: Annotated[int, Field(ge=0)] | None = None
    """At least this many words."""
    max: Annotated[int, Field(ge=0)] | None = None
    """At most this many words."""

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.min is None and self.max is None:
            raise ValueError("give `min`, `max` or both")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"`min` ({self.min}) is above `max` ({self.max})")
        return self


class WordsDetector(Strict):
    """Matches when the reply's word count lies in the range."""

    words: WordRange
    """For example `{min: 120}` for a monologue or `{max: 80}` for concise."""


class StatementCount(Strict):
    """How many statements of a kind the reply must hold."""

    at_least: Annotated[int, Field(ge=0)] = 1
    """At least this many."""
    at_most: Annotated[int, Field(ge=0)] | None = None
    """At most this many."""


class IStatementsDetector(Strict):
    """Counts sentences where the speaker owns a view: "I noticed", "I think", "I feel"."""

    i_statements: StatementCount


class YouStatementsDetector(Strict):
    """Counts sentences that start from "you" as the subject: "you always", "you never"."""

    you_statements: StatementCount


ReferenceList = Annotated[list[Slug], Field(min_length=1, max_length=50)]


class MetDetector(Strict):
    """Matches when any of these criteria of the rubric was met by this reply; its evidence is
    theirs. Criteria are judged in file order, so a criterion may name only those above it."""

    met: ReferenceList


class RaisedDetector(Strict):
    """Matches when any of these flags of the rubric was raised on this reply; its evidence is
    theirs. With `not`, a flag that stands only when no other flag explains the reply: "no
    question, no acknowledgement, and no other dominance flag" is a reply waved away."""

    raised: ReferenceList


class AnyDetector(Strict):
    """Matches when at least one inner detector matches."""

    any: Annotated[list[Detector], Field(min_length=1)]


class AllDetector(Strict):
    """Matches when every inner detector matches."""

    all: Annotated[list[Detector], Field(min_length=1)]
    given: Detector | None = None
    """A condition that must hold too, whose words are not the evidence: with `given`, a
    question counts "once the reply has something concrete in it" and only the question is
    highlighted, not the number that made it count."""


class NotDetector(Strict):
    """Matches when the inner detector does not."""

    not_: Detector = Field(alias="not")

    model_config = Strict.model_config | {"populate_by_name": True}


class CountSpec(Strict):
    """`count: {at_least: 2, of: [...]}` matches when enough inner detectors match."""

    at_least: Annotated[int, Field(ge=1)]
    """How many of the inner detectors must match."""
    of: Annotated[list[Detector], Field(min_length=1)]
    """The detectors to count."""


class CountDetector(Strict):
    """Matches when at least `at_least` of the inner detectors match."""

    count: CountSpec


DETECTOR_KINDS: dict[str, type[Strict]] = {
    "phrases": PhrasesDetector,
    "patterns": PatternsDetector,
    "regex": RegexDetector,
    "question": QuestionDetector,
    "words": WordsDetector,
    "overlap": OverlapDetector,
    "i_statements": IStatementsDetector,
    "you_statements": YouStatementsDetector,
    "met": MetDetector,
    "raised": RaisedDetector,
    "any": AnyDetector,
    "all": AllDetector,
    "not": NotDetector,
    "count": CountDetector,
}


def detector_kind(value: Any) -> str | None:
    """The kind key of a raw detector mapping, or None when it has none of them."""
    if isinstance(value, dict):
        kinds = [key for key in value if key in DETECTOR_KINDS]
        return kinds[0] if len(kinds) == 1 else None
    for kind, cls in DETECTOR_KINDS.items():
        if isinstance(value, cls):
            return kind
    return None


Detector = Annotated[
    Annotated[PhrasesDetector, Tag("phrases")]
    | Annotated[PatternsDetector, Tag("patterns")]
    | Annotated[RegexDetector, Tag("regex")]
    | Annotated[QuestionDetector, Tag("question")]
    | Annotated[WordsDetector, Tag("words")]
    | Annotated[OverlapDetector, Tag("overlap")]
    | Annotated[IStatementsDetector, Tag("i_statements")]
    | Annotated[YouStatementsDetector, Tag("you_statements")]
    | Annotated[MetDetector, Tag("met")]
    | Annotated[RaisedDetector, Tag("raised")]
    | Annotated[AnyDetector, Tag("any")]
    | Annotated[AllDetector, Tag("all")]
    | Annotated[NotDetector, Tag("not")]
    | Annotated[CountDetector, Tag("count")],
    Discriminator(
        detector_kind,
        custom_error_type="detector_kind",
        custom_error_message="a detector needs exactly one of: " + ", ".join(DETECTOR_KINDS),
    ),
]
"""One way of recognising a behaviour in a reply."""

for _model in (AnyDetector, AllDetector, NotDetector, CountSpec, CountDetector):
    _model.model_rebuild()


def outcome_refs(
    detector: object, path: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple[str | int, ...], str, str]]:
    """Every criterion (`met`) and flag (`raised`) a detector tree names: (path of the name
    within the tree, `met` or `raised`, the id)."""
    match detector:
        case MetDetector():
            for index, name in enumerate(detector.met):
                yield (*path, "met", index), "met", name
        case RaisedDetector():
            for index, name in enumerate(detector.raised):
                yield (*path, "raised", index), "raised", name
        case AnyDetector():
            for index, child in enumerate(detector.any):
                yield from outcome_refs(child, (*path, "any", index))
        case AllDetector():
            for index, child in enumerate(detector.all):
                yield from outcome_refs(child, (*path, "all", index))
            if detector.given is not None:
                yield from outcome_refs(detector.given, (*path, "given"))
        case NotDetector():
            yield from outcome_refs(detector.not_, (*path, "not"))
        case CountDetector():
            for index, child in enumerate(detector.count.of):
                yield from outcome_refs(child, (*path, "count", "of", index))
