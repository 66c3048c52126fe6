"""A reply read once: word tokens with offsets into the original, clauses and sentences.

Every detector works from this one reading, so a reply is normalised, tokenised and reduced to
matching keys exactly once per score, and a phrase is read by the very same code when a rubric
is compiled.

Contractions are split the way they are spoken ("don't" is `do` + `not`, "I'm" is `i` + `am`),
so `I am worried` and `I'm worried` match the same phrase and `n't` counts as a negation. Each
part keeps its own slice of the original word for highlighting.
"""

from __future__ import annotations

import re
from itertools import accumulate
from typing import Final, NamedTuple

from simulator.scoring.lemmas import lemma
from simulator.scoring.normalise import Normalised, normalise
from simulator.scoring.result import Span

WORD: Final = re.compile(
    r"(?:[^\W\d_]\.){2,}"  # dotted abbreviations keep their full stops: e.g. i.e. u.s.
    r"|[^\W_][\w\u0300-\u036f]*(?:'[\w\u0300-\u036f]+)*"
)
"""Letters and digits with inner apostrophes; hyphens and other punctuation separate words."""

_SPLITTER: Final = re.compile(f"({WORD.pattern})")
_SPLITTER_ASCII: Final = re.compile(f"({WORD.pattern})", re.ASCII)
"""The same split for an ASCII text, where both compile to the same classes (it runs faster)."""

_NOT_STEMS: Final = {"ca": "can", "wo": "will", "sha": "shall", "ai": "is"}
_CLITICS: Final = {"m": "am", "re": "are", "ve": "have", "ll": "will", "d": "would"}
_S_IS: Final = frozenset({
    "it", "that", "this", "there", "here", "what", "who", "where", "how", "when", "why",
    "he", "she", "everything", "nothing", "something", "everyone", "someone",
    "anyone", "nobody", "noone", "somebody", "everybody", "anybody",
})
"""Words whose 's is "is"; after any other word it is a possessive and is dropped."""

ABBREVIATIONS: Final = frozenset({
    "mr", "mrs", "ms", "dr", "prof", "st", "vs", "etc", "approx", "dept", "inc", "ltd", "jr",
})
"""A full stop after these does not end the sentence."""

_FULL_STOP: Final = re.compile(r"\.\W*\s")
_CLAUSE_MARK: Final = re.compile(r"[,;:()\[\]{}\u2014\u2013]|\s-+\s|--")

Part = tuple[str, int, int]
"""A token's normalised word and its offsets within the written word."""


def split_word(word: str) -> list[Part]:
    """The spoken parts of a case-folded written word: "don't" is `do` + `not`, and so is
    "dont" (`_UNMARKED`)."""
    if "'" not in word:
        if word == "cannot":
            return [("can", 0, 3), ("not", 3, 6)]
        unmarked = _UNMARKED.get(word)
        return list(unmarked) if unmarked is not None else [(word, 0, len(word))]
    n = len(word)
    if word.endswith("n't") and n > 3:
        stem = word[:-3]
        return [(_NOT_STEMS.get(stem, stem), 0, n - 3), ("not", n - 3, n)]
    head, tail = word.rsplit("'", 1)
    k = len(head)
    if tail in _CLITICS:
        return [(head, 0, k), (_CLITICS[tail], k, n)]
    if tail == "s":
        if head == "let":
            return [("let", 0, k), ("us", k, n)]
        if head in _S_IS:
            return [(head, 0, k), ("is", k, n)]
        return [(head, 0, n)]
    return [(word, 0, n)]


def _unmarked(written: str) -> tuple[str, list[Part]]:
    """A contraction typed without its apostrophe, with the parts of the written form."""
    at = written.index("'")
    return written.replace("'", ""), [
        (norm, start - (start > at), end - (end > at)) for norm, start, end in split_word(written)
    ]


_UNMARKED: Final = dict(map(_unmarked, (
    "don't", "didn't", "doesn't", "hadn't", "hasn't", "haven't", "isn't", "wasn't", "aren't",
    "weren't", "wouldn't", "couldn't", "shouldn't", "can't", "won't", "i'm", "i've", "you're",
    "they're", "you've", "we've", "they've", "you'll", "they'll", "that's", "what's", "how's",
    "who's", "where's", "why's", "there's",
)))
"""Contractions typed without the apostrophe ("dont", "whats", "im"), read as the written
forms are. Words that are also words in their own right ("its", "lets", "ill", "well",
"were", "id", "shed", "wed") are left alone."""


TokenInfo = tuple[str, str, int, int, bool]
"""norm, key, start and end within the written word, and whether it is the word's last part."""


class _WordCache(dict[str, tuple[TokenInfo, ...]]):
    """Written word -> its tokens; the lookup runs in C, the work only on a miss."""

    limit = 50_000

    def __missing__(self, word: str) -> tuple[TokenInfo, ...]:
        parts = split_word(word)
        last = len(parts) - 1
        info = tuple(
            (norm, lemma(norm), a, b, i == last) for i, (norm, a, b) in enumerate(parts)
        )
        # Bounded so adversarial input cannot grow it without end; a lost race only recomputes.
        if len(self) < self.limit:
            self[word] = info
        return info


_WORDS: Final = _WordCache()


class Sentence(NamedTuple):
    """A sentence as a range of tokens and a span of the original text (a named tuple: a few
    are made for every reply)."""

    first: int
    """Index of its first token."""
    stop: int
    """One past its last token."""
    span: Span
    """From its first word to its closing punctuation, in the original text."""
    question: bool
    """It ends with a question mark."""


_NEVER: Final = 0
_CLAUSE: Final = 1
"""A gap that closes a clause."""
_SENTENCE: Final = 2
"""A gap that closes a sentence (and so a clause)."""
_SENTENCE_UNLESS_ABBREVIATION: Final = 3
"""A gap that closes a sentence unless the word before is in `ABBREVIATIONS`."""


class _GapCache(dict[str, tuple[int, bool]]):
    """Gap text -> what it closes, and whether it holds a clause mark; bounded like `_WORDS`."""

    limit = 20_000

    def __missing__(self, gap: str) -> tuple[int, bool]:
        clause = _CLAUSE_MARK.search(gap) is not None
        if _ends_sentence(gap, ""):
            kind = _SENTENCE_UNLESS_ABBREVIATION if not _ends_sentence(gap, "mr") else _SENTENCE
        else:
            kind = _CLAUSE if clause else _NEVER
        if len(self) < self.limit:
            self[gap] = (kind, clause)
        return kind, clause


_GAPS: Final = _GapCache()


def _ends_sentence(gap: str, previous: str) -> bool:
    if "?" in gap or "!" in gap or "\n" in gap:
        return True
    if "." not in gap or (gap[0] == "." and previous in ABBREVIATIONS):
        return False
    # A full stop must be followed by a space: "3.5" and "e.g." do not end anything.
    return _FULL_STOP.search(gap) is not None


_NON_SPACE: Final = re.compile(r"\S*")


def _punctuation_run(gap: str) -> int:
    """How many characters of closing punctuation follow a word (`?"` in `why?" she`)."""
    return _NON_SPACE.match(gap).end()  # type: ignore[union-attr]  # `\S*` always matches


class Reply:
    """A learner's reply (or a trainer's phrase), read once.

    Tokens are parallel lists indexed alike: `norms` (case-folded words, contractions expanded),
    `keys` (their `lemma`), `starts`/`ends` (offsets into the original text), `sentence_of` and
    `clause_of` (running numbers; a clause is a sentence split at commas, semicolons, colons,
    brackets and dashes), and `gaps` (the text after each token up to the next). The lists are
    built with comprehensions rather than one loop: this is the hot path of scoring.
    """

    __slots__ = (
        "_plain", "clause_of", "ends", "folded", "gaps", "keys", "memo", "norms",
        "sentence_of", "sentences", "starts", "text", "words",
    )

    def __init__(self, text: str) -> None:
        self.text = text
        self.folded: Normalised = normalise(text, fold=True)
        self._plain: Normalised | None = None
        self.memo: dict[str, object] = {}
        """Per-reply results that several detectors share (questions, statements)."""
        self.norms: list[str] = []
        self.keys: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.sentence_of: list[int] = []
        self.clause_of: list[int] = []
        self.gaps: list[str] = []
        self.sentences: list[Sentence] = []
        self.words = 0
        """How many written words: "don't" is one."""
        self._read()

    @property
    def plain(self) -> Normalised:
        """NFKC with straight quotes but case kept: what trainer regexes run on."""
        if self._plain is None:
            self._plain = normalise(self.text, fold=False)
        return self._plain

    def span(self, first: int, stop: int) -> Span:
        """The original text covered by tokens `first` .. `stop - 1`."""
        return self.starts[first], self.ends[stop - 1]

    def _read(self) -> None:
        value = self.folded.value
        # One C-level split gives [gap, word, gap, word, ..., gap]; offsets follow from lengths.
        pieces = (_SPLITTER_ASCII if value.isascii() else _SPLITTER).split(value)
        n = self.words = len(pieces) // 2
        if not n:
            return
        offsets = list(accumulate(map(len, pieces), initial=0))
        begins = offsets[1:-1:2]
        finishes = offsets[2::2]
        words = pieces[1::2]
        gaps = pieces[2::2]
        sentence_w, clause_w, bounds = _segment(words, gaps)
        infos = [_WORDS[w] for w in words]
        norms = [info[0][0] for info in infos]
        keys = [info[0][1] for info in infos]
        # A contraction is a few words per reply: splice its parts in rather than rebuild.
        multi = [k for k, info in enumerate(infos) if len(info) > 1]
        starts, ends, token_gaps = (begins.copy(), finishes.copy(), gaps.copy()) if multi \
            else (begins, finishes, gaps)
        for k in reversed(multi):
            info, begin, here = infos[k], begins[k], slice(k, k + 1)
            norms[here] = [t[0] for t in info]
            keys[here] = [t[1] for t in info]
            starts[here] = [begin + t[2] for t in info]
            ends[here] = [begin + t[3] for t in info]
            token_gaps[here] = [""] * (len(info) - 1) + [gaps[k]]
            sentence_w[here] = [sentence_w[k]] * len(info)
            clause_w[here] = [clause_w[k]] * len(info)
        firsts = list(accumulate(map(len, infos), initial=0)) if multi else range(n + 1)
        self.norms, self.keys, self.gaps = norms, keys, token_gaps
        self.sentence_of, self.clause_of = sentence_w, clause_w
        to_start, to_end = self.folded.starts, self.folded.ends
        if to_start is None or to_end is None:
            self.starts, self.ends = starts, ends
        else:
            self.starts = [to_start[a] for a in starts]
            self.ends = [to_end[b - 1] for b in ends]
        for first_word, stop_word in bounds:
            first, stop = firsts[first_word], firsts[stop_word]
            gap, word_end = gaps[stop_word - 1], finishes[stop_word - 1]
            end = self.ends[stop - 1]
            run = _punctuation_run(gap)
            if run:
                end = max(end, self.folded.original(word_end, word_end + run)[1])
            self.sentences.append(Sentence(first, stop, (self.starts[first], end), "?" in gap))


def _segment(words: list[str], gaps: list[str]) -> tuple[list[int], list[int], list[Span]]:
    """Sentence and clause numbers per written word, and each sentence's range of words."""
    sentence_of: list[int] = []
    clause_of: list[int] = []
    bounds: list[Span] = []
    sentence = clause = start = first = 0
    n = len(words)
    cache = _GAPS
    for k in [k for k in range(n - 1) if gaps[k] != " "]:
        kind, clause_mark = cache[gaps[k]]
        if kind == _NEVER:
            continue
        ends_sentence = kind == _SENTENCE or (
            kind == _SENTENCE_UNLESS_ABBREVIATION and words[k] not in ABBREVIATIONS
        )
        if ends_sentence or clause_mark:
            size = k + 1 - start
            sentence_of += [sentence] * size
            clause_of += [clause] * size
            start = k + 1
            clause += 1
            if ends_sentence:
                bounds.append((first, start))
                first = start
                sentence += 1
    size = n - start
    sentence_of += [sentence] * size
    clause_of += [clause] * size
    bounds.append((first, n))
    return sentence_of, clause_of, bounds
