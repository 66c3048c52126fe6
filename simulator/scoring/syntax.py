"""The few pieces of grammar the detectors need: negation, questions, I- and you-statements.

These are word-list heuristics over the tokens of a `Reply`, chosen to be predictable for
trainers rather than clever: each rule below can be explained in one sentence of the README.
"""

from __future__ import annotations

from typing import Final, Literal, cast

from simulator.scoring.lemmas import lemma
from simulator.scoring.result import Span
from simulator.scoring.text import Reply, Sentence

NEGATORS: Final = frozenset({
    "not", "no", "never", "without", "nobody", "nothing", "hardly", "none", "neither", "nor",
})
"""Words that cancel a match just after them ("n't" is read as `not`)."""

NEGATION_WINDOW: Final = 3
"""How many tokens before a match are searched for a negator, within the same clause."""

AUXILIARIES: Final = frozenset({
    "is", "are", "am", "was", "were", "do", "does", "did", "can", "could", "would", "will",
    "shall", "should", "have", "has", "had", "may", "might", "must",
})
"""A question starting with one of these asks for yes or no."""

INTERROGATIVES: Final = frozenset({
    "what", "how", "why", "which", "where", "who", "whom", "whose", "when",
})
"""A question starting with one of these asks for an account."""

LEAD_INS: Final = frozenset({
    "so", "and", "but", "or", "ok", "okay", "well", "then", "also", "now", "right", "oh",
    "honestly", "yes", "yeah", "no", "sure", "alright", "really", "actually", "just", "hey",
    # Session 29: "Roughly how many?", "Exactly which shifts?" still open with the question word.
    "roughly", "approximately", "exactly", "briefly", "genuinely",
})
"""Words skipped before deciding how a clause starts ("So what happened?")."""

_OPEN_FORMS: Final = (
    "tell me", "walk me through", "talk me through", "take me through", "help me understand",
    "say more", "share more", "more about", "explain", "describe", "elaborate", "expand on",
    "thoughts", "your view", "your take", "your sense", "your perspective",
)
"""Requests for an account inside a yes/no frame: "Could you tell me more?" is open."""

_NOT_OPEN_AFTER: Final = frozenset({"if", "whether"})
"""`tell me if ...` asks for yes or no."""

_OWN_NOUNS: Final = frozenset(lemma(w) for w in (
    "view", "sense", "worry", "concern", "impression", "feeling", "take", "read", "guess",
    "experience", "observation", "opinion", "point", "understanding", "hope", "suggestion",
    "fear", "instinct", "hunch", "belief", "thinking", "reading",
))
"""`my view`, `my worry` ... own a view just as "I think" does."""

_SEEM: Final = frozenset(lemma(w) for w in ("seem", "look", "sound", "appear", "feel"))
"""`it seems to me` owns a view."""

_OBJECT_BEFORE: Final = frozenset(lemma(w) for w in (
    "to", "for", "with", "at", "about", "from", "of", "by", "on", "in", "into", "onto", "than",
    "like", "without", "behind", "around", "against", "toward", "towards", "upon", "between",
    "among", "after", "before", "under", "over", "near", "beside", "thank", "tell", "told",
    "ask", "show", "let", "help", "give", "gave", "send", "sent", "meet", "met", "see", "saw",
    "hear", "heard", "call", "remind", "owe", "trust", "want", "need", "expect", "pay", "paid",
    "bring", "brought", "teach", "taught", "join", "support", "understand", "believe",
))
"""After these, "you" is an object ("thank you", "I'll send you"), not the subject."""

_NOT_AFTER_SUBJECT: Final = frozenset({
    "the", "a", "an", "this", "that", "these", "those", "my", "your", "our", "their", "his",
    "her", "its", "for", "to", "with", "about", "at", "in", "on", "of", "from", "by", "and",
    "or", "but", "too", "all", "both", "so", "as", "than", "if", "when", "because", "some",
    "any", "more", "much", "very", "again", "here", "there", "back", "up", "out", "now",
})
"""After "you", these show it was an object ("blaming you for", "I'll show you the data")."""


def _forms(phrases: tuple[str, ...]) -> dict[str, tuple[tuple[str, ...], ...]]:
    # Matched on the words as written: "thoughts?" invites, "you thought so?" does not.
    table: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        words = tuple(phrase.split())
        table.setdefault(words[0], []).append(words)
    return {first: tuple(forms) for first, forms in table.items()}


_OPEN_BY_FIRST: Final = _forms(_OPEN_FORMS)


def negated(reply: Reply, index: int) -> bool:
    """A negator stands within `NEGATION_WINDOW` tokens before token `index`, same clause."""
    clause_of, norms = reply.clause_of, reply.norms
    clause = clause_of[index]
    for j in range(index - 1, max(index - 1 - NEGATION_WINDOW, -1), -1):
        if clause_of[j] != clause:
            return False
        if norms[j] in NEGATORS:
            return True
    return False


def _clause_starts(reply: Reply, sentence: Sentence) -> list[int]:
    clause_of = reply.clause_of
    return [
        i for i in range(sentence.first, sentence.stop)
        if i == sentence.first or clause_of[i] != clause_of[i - 1]
    ]


def _has_open_form(reply: Reply, sentence: Sentence) -> bool:
    norms, stop = reply.norms, sentence.stop
    for i in range(sentence.first, stop):
        for form in _OPEN_BY_FIRST.get(norms[i], ()):
            end = i + len(form)
            if end <= stop and tuple(norms[i:end]) == form:
                if form[0] == "tell" and end < stop and norms[end] in _NOT_OPEN_AFTER:
                    continue
                return True
    return False


def is_open_question(reply: Reply, sentence: Sentence) -> bool:
    """Open when it asks for an account: an open form anywhere, else how its last clause starts.

    Clauses are read from the last: in "When you said that, did you mean it?" the question is
    the yes/no "did you mean it", not the "when" that sets the scene.
    """
    if _has_open_form(reply, sentence):
        return True
    norms, clause_of = reply.norms, reply.clause_of
    for start in reversed(_clause_starts(reply, sentence)):
        i = start
        while i < sentence.stop and clause_of[i] == clause_of[start] and norms[i] in LEAD_INS:
            i += 1
        if i == sentence.stop or clause_of[i] != clause_of[start]:
            continue
        if norms[i] in INTERROGATIVES:
            return True
        if norms[i] in AUXILIARIES:
            return False
    return False


QuestionKind = Literal["open", "closed"]


def questions(reply: Reply) -> list[tuple[Span, QuestionKind]]:
    """Every sentence ending in "?", with its span and whether it is open or closed."""
    cached = reply.memo.get("questions")
    if cached is None:
        cached = [
            (s.span, "open" if is_open_question(reply, s) else "closed")
            for s in reply.sentences if s.question
        ]
        reply.memo["questions"] = cached
    return cast("list[tuple[Span, QuestionKind]]", cached)


def _phrase_span(reply: Reply, index: int, stop: int) -> Span:
    """Token `index` and the next written word, for highlighting "I noticed" or "you never"."""
    starts, ends = reply.starts, reply.ends
    end = ends[index]
    k = index + 1
    while k < stop and starts[k] == end:  # the rest of the same written word ("I'm")
        end = ends[k]
        k += 1
    if k < stop:
        end = ends[k]
        # The whole written word: "I don't" is quoted, never the "I do" half of it.
        while k + 1 < stop and starts[k + 1] == end:
            k += 1
            end = ends[k]
    return starts[index], end


def _inverted(reply: Reply, index: int, sentence: Sentence) -> bool:
    """`can I`, `could you` in a question: asking, not asserting."""
    return (
        sentence.question and index > sentence.first
        and reply.clause_of[index - 1] == reply.clause_of[index]
        and reply.norms[index - 1] in AUXILIARIES
    )


def _i_subject(reply: Reply, i: int, sentence: Sentence) -> bool:
    norms, keys = reply.norms, reply.keys
    if norms[i] == "i":
        return not _inverted(reply, i, sentence)
    if norms[i] == "my":
        return i + 1 < sentence.stop and keys[i + 1] in _OWN_NOUNS
    return (
        norms[i] == "me" and i - 2 >= sentence.first and norms[i - 1] == "to"
        and keys[i - 2] in _SEEM
    )


def _you_subject(reply: Reply, i: int, sentence: Sentence) -> bool:
    norms, keys, clause_of = reply.norms, reply.keys, reply.clause_of
    if norms[i] != "you" or _inverted(reply, i, sentence):
        return False
    if i > sentence.first and clause_of[i - 1] == clause_of[i] and keys[i - 1] in _OBJECT_BEFORE:
        return False
    # A subject has a verb after it in its clause; "I'm not blaming you." has none.
    nxt = i + 1
    if nxt >= sentence.stop or clause_of[nxt] != clause_of[i] or norms[nxt] in _NOT_AFTER_SUBJECT:
        return False
    # "you know" closing a clause is a filler, not a claim about them.
    return not (
        norms[nxt] == "know"
        and (nxt + 1 == sentence.stop or clause_of[nxt + 1] != clause_of[i])
    )


_SUBJECT_WORDS: Final = {"i": frozenset({"i", "my", "me"}), "you": frozenset({"you"})}


def statements(reply: Reply, subject: Literal["i", "you"]) -> list[Span]:
    """One span per sentence whose subject is the speaker ("i") or the listener ("you")."""
    cached = reply.memo.get(subject)
    if cached is None:
        test = _i_subject if subject == "i" else _you_subject
        words = _SUBJECT_WORDS[subject]
        found: list[Span] = []
        counted: set[int] = set()
        for i in [i for i, norm in enumerate(reply.norms) if norm in words]:
            number = reply.sentence_of[i]
            sentence = reply.sentences[number]
            if number in counted or not test(reply, i, sentence):
                continue
            counted.add(number)
            if reply.norms[i] == "me":  # "seems to me"
                found.append((reply.starts[i - 2], reply.ends[i]))
            else:
                found.append(_phrase_span(reply, i, sentence.stop))
        reply.memo[subject] = found
        cached = found
    return cast("list[Span]", cached)
