"""Content words a reply shares with the counterpart's line: a simple, explainable signal that
a reply builds on what was said (shares some) or turns away from it (shares none).

Words are compared by their matching key (`lemma`), so "deadlines" meets "deadline". Function
words, pronouns, fillers and the verbs of conversation ("think", "say", "know") are left out:
sharing "the" or "I think" says nothing about the topic.
"""

from __future__ import annotations

from typing import Final

from simulator.scoring.lemmas import lemma
from simulator.scoring.result import Span
from simulator.scoring.text import Reply

_FUNCTION_WORDS: Final = """
a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each either else even ever
every few for from further had has have having he her here hers herself him himself his how i if
in into is it its itself just let me more most much must my myself no nor not now of off on once
only or other our ours ourselves out over own quite rather really same shall she should so some
such than that the their theirs them themselves then there these they this those through thus to
too under until up upon us very was we were what when where whether which while who whom whose
why will with within without would yet you your yours yourself yourselves one ones yes yeah no
ok okay oh well right sure thanks thank please sorry hi hello hey think thought say said says
tell told know knew known get got go going gone come came make made take took see saw look want
need like feel felt seem mean meant thing things something anything everything nothing lot lots
bit way kind sort actually basically honestly literally maybe perhaps probably just still
already always never often sometimes again point time times would could should might may will
can going good great fine
""".split()  # noqa: SIM905 (a word list reads best as text)

STOP_KEYS: Final = frozenset(lemma(w) for w in _FUNCTION_WORDS) | frozenset(_FUNCTION_WORDS)
"""Keys that never count as shared content."""


def _content(key: str) -> bool:
    return len(key) > 2 and key not in STOP_KEYS and not key.isdigit()


def content_keys(reply: Reply, first: int = 0, stop: int | None = None) -> set[str]:
    """The content-word keys of tokens `first` .. `stop - 1` (all of them by default)."""
    keys = reply.keys[first:stop]
    return {key for key in keys if _content(key)}


def shared(reply: Reply, context: Reply) -> tuple[set[str], list[Span]]:
    """The content keys both texts hold, and where the reply says them."""
    both = content_keys(reply) & content_keys(context)
    if not both:
        return both, []
    starts, ends = reply.starts, reply.ends
    spans = [(starts[i], ends[i]) for i, key in enumerate(reply.keys) if key in both]
    return both, spans
