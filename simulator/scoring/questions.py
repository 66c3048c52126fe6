"""Question kinds beyond open and closed: tags, rhetorical and leading questions, and questions
that stay on (or leave) the counterpart's topic.

Word-list rules over a reply's sentences, each explainable in a sentence of the README:

- a **tag** ends on an auxiliary and a pronoun after other words ("..., isn't it?", "..., will
  they.", "..., don't you think?") or on ", right?" / ", no?"; "do you think" after a question
  word asks their view ("What's stopping them, do you think?") and is no tag;
- a **rhetorical** question expects no answer: a tag closed with a full stop or "!", or one
  opening with a stock form ("since when", "who knows", "what's the point", "did you even");
- a **leading** question presses for one answer: a tag with "?", a question opening with a
  negative auxiliary ("Don't you...", "Isn't it...", "Wouldn't it be better..."), or one holding
  "surely", "wouldn't you agree", "don't you think";
- **off topic** / **on topic**: whether the question shares a content word with the line it
  answers (see `simulator.scoring.overlap`).
"""

from __future__ import annotations

from typing import Final

from simulator.scoring.overlap import content_keys
from simulator.scoring.result import Span
from simulator.scoring.syntax import AUXILIARIES, INTERROGATIVES, LEAD_INS
from simulator.scoring.text import Reply, Sentence

_PRONOUNS: Final = frozenset({
    "i", "you", "he", "she", "it", "we", "they", "there", "that", "this", "one",
})
_SHORT_TAGS: Final = frozenset({"right", "no", "eh", "innit", "yeah", "ok", "okay", "correct"})
_STATING_TAGS: Final = frozenset({"right", "eh", "innit"})
"""Short tags that still press for agreement without a "?": "That went well, right."."""
# Without a comma, an auxiliary after one of these is the sentence's own verb phrase, not a tag:
# "I'd be happy to do it.", "I can't do that.", "while I was there.", "the one you have there."
_BEFORE_OWN_VERB: Final = frozenset({"to", "not", *AUXILIARIES, *(_PRONOUNS - {"one"})})

_RHETORICAL_OPENERS: Final = tuple(tuple(p.split()) for p in (
    "since when", "who knows", "who cares", "what is the point", "what's the point",
    "what part of", "did you even", "do you even", "have you even", "did you try anything",
    "how hard can", "how hard is it", "how difficult can", "how many times", "why would anyone",
    "why would i", "why bother", "what did you expect", "who do you think", "are you serious",
    "are you kidding", "are you joking", "is this homework", "excuse me", "seriously",
    "do you really think", "do you honestly think", "do you seriously think", "who asked",
    "what else is new", "where have you been", "whose fault is that",
    # Session 25 (red-team replies): the point's worth questioned, and the rebuttal put as a
    # question ("How was I supposed to know?", "What else could I have done?").
    # ("So what?" is the rubric's: "so" is a lead-in, skipped before openers are compared.)
    "who actually cares", "who really cares", "who even cares",
    "how was i supposed to know", "how am i supposed to know", "how were we supposed to know",
    "what else could i have done", "what more could i have done",
    "what would you have had me do", "why are you only", "who put you up to",
))
_LEADING_FORMS: Final = tuple(tuple(p.split()) for p in (
    "surely", "wouldn't you agree", "would not you agree", "don't you think", "do not you think",
    "don't you agree", "do not you agree", "isn't it true", "is not it true", "you'd agree",
    "you would agree", "isn't it obvious", "is not it obvious",
))
_ASKING_AGREEMENT: Final = frozenset(("if", "do", "did", "does", "whether", "unless", "once"))
"""Words before "you agree" that ask or make it a condition ("Do you agree?", "..., if you
agree?") rather than assume it ("You agree, surely?")."""
_NEGATIVE_AUX_START: Final = frozenset(AUXILIARIES)


def _first_word(reply: Reply, sentence: Sentence) -> int:
    i = sentence.first
    while i < sentence.stop - 1 and reply.norms[i] in LEAD_INS:
        i += 1
    return i


def _final_mark(reply: Reply, sentence: Sentence) -> str:
    """The sentence's closing punctuation: '?', '.', '!' or ''."""
    gap = reply.gaps[sentence.stop - 1]
    for ch in gap:
        if ch in "?.!":
            return ch
    return ""


def _contains(norms: list[str], start: int, stop: int, forms: tuple[tuple[str, ...], ...],
              *, at_start: bool) -> bool:
    firsts = {norms[start]} if at_start else set(norms[start:stop])
    for form in forms:
        if form[0] not in firsts:
            continue
        size = len(form)
        positions = [start] if at_start else range(start, stop - size + 1)
        for i in positions:
            if i + size <= stop and tuple(norms[i : i + size]) == form:
                return True
    return False


def _assumes_agreement(norms: list[str], first: int, stop: int) -> bool:
    """ "You agree?" said as a given, not asked ("do you agree") or a condition ("if you agree")."""
    return any(
        norms[i] == "you" and norms[i + 1] == "agree"
        and (i == first or norms[i - 1] not in _ASKING_AGREEMENT)
        for i in range(first, stop - 1)
    )


def is_tag(reply: Reply, sentence: Sentence) -> bool:
    norms, clause_of = reply.norms, reply.clause_of
    first, stop = sentence.first, sentence.stop
    last = stop - 1
    if stop - first >= 3 and norms[last] in _SHORT_TAGS and clause_of[last - 1] != clause_of[last]:
        # "Not really, no." and "Fine, okay." answer; only "?" makes them ask.
        return norms[last] in _STATING_TAGS or sentence.question
    # "..., isn't it" / "..., will they" / "..., don't you think"
    end = last - 1 if norms[last] == "think" and stop - first >= 4 else last
    if end != last and norms[_first_word(reply, sentence)] in INTERROGATIVES \
            and norms[end - 1] != "not":
        # "What's stopping them, do you think?" asks their view of an open question; only
        # "don't you think" presses for an answer there.
        return False
    if norms[end] not in _PRONOUNS or end - first < 2:
        return False
    aux = end - 1
    if norms[aux] == "not":
        aux -= 1
    if aux <= first or norms[aux] not in AUXILIARIES:
        return False
    # The tag follows a clause of its own: after a comma, or after a verb phrase of 3+ words.
    if clause_of[aux - 1] != clause_of[aux]:
        return True
    return aux - first >= 3 and norms[aux - 1] not in _BEFORE_OWN_VERB


def _question_like(reply: Reply, sentence: Sentence) -> bool:
    return sentence.question or _final_mark(reply, sentence) in (".", "!", "")


def kinds(reply: Reply, sentence: Sentence) -> set[str]:
    """The extra kinds a sentence has: tag, rhetorical, leading (possibly none)."""
    found: set[str] = set()
    norms = reply.norms
    mark = "?" if sentence.question else _final_mark(reply, sentence)
    tag = is_tag(reply, sentence)
    if tag:
        found.add("tag")
        found.add("leading" if mark == "?" else "rhetorical")
    if not sentence.question:
        return found
    start = _first_word(reply, sentence)
    if _contains(norms, start, sentence.stop, _RHETORICAL_OPENERS, at_start=True):
        found.add("rhetorical")
    if _contains(norms, sentence.first, sentence.stop, _LEADING_FORMS, at_start=False) \
            or _assumes_agreement(norms, sentence.first, sentence.stop):
        found.add("leading")
    if start + 1 < sentence.stop and norms[start] in _NEGATIVE_AUX_START \
            and norms[start + 1] == "not" and reply.gaps[start] == "":
        found.add("leading")  # "Don't you...", "Isn't it..." (spoken as one word)
    return found


def special_questions(reply: Reply) -> list[tuple[Span, frozenset[str]]]:
    """Every sentence with a tag, rhetorical or leading form, and its kinds; cached per reply."""
    cached = reply.memo.get("special_questions")
    if isinstance(cached, list):
        return cached
    found = []
    for sentence in reply.sentences:
        if not _question_like(reply, sentence):
            continue
        extra = kinds(reply, sentence)
        if extra:
            found.append((sentence.span, frozenset(extra)))
    reply.memo["special_questions"] = found
    return found


def topical_questions(reply: Reply, context: Reply) -> list[tuple[Span, bool]]:
    """Each question and whether it shares a content word with the counterpart's line."""
    theirs = content_keys(context)
    keys = reply.keys
    result = []
    for sentence in reply.sentences:
        if not sentence.question:
            continue
        mine = content_keys(reply, sentence.first, sentence.stop)
        result.append((sentence.span, bool(mine & theirs)))
    del keys
    return result
