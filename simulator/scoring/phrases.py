"""Every phrase of a rubric in one lookup, matched in a single pass over a reply's tokens.

A phrase is read by the same `Reply` code as a learner's text, so its words are reduced to the
same keys (`apologise` meets `apologies`), contractions are split alike (`i'm` meets `I am`) and
matching is whole-word by construction: keys are compared, never substrings.

Punctuation a phrase spells out must be there (`seriously?` needs the question mark, `yes, but`
the comma); punctuation it leaves out is ignored, except that a phrase never runs across the end
of a sentence unless it spells that out too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from simulator.scoring.text import Reply

SIGNIFICANT: Final = frozenset(",;:.?!")
"""Punctuation that a phrase may require; quotes, hyphens and brackets never count."""
_ENDS: Final = frozenset(".?!")

TokenRange = tuple[int, int]
"""Tokens `first` .. `stop - 1` of a reply."""


@dataclass(frozen=True, slots=True)
class _Ending:
    """A distinct phrase ending at a trie node."""

    needs: tuple[str, ...] | None
    """Punctuation required after each of its words, or None when it spells none out."""
    crosses: bool
    """It spells out the end of a sentence inside itself, so it may run across one."""
    targets: tuple[int, ...]
    """The phrase lists (detectors) it belongs to."""


class _Node:
    """A trie node: the phrases whose keys lead here, and where the next key leads."""

    __slots__ = ("children", "endings")

    def __init__(self) -> None:
        self.children: dict[str, _Node] = {}
        self.endings: tuple[_Ending, ...] = ()


def read_phrase(phrase: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """A phrase's keys and the punctuation it requires after each word."""
    reply = Reply(phrase)
    needs = tuple("".join(sorted(set(gap) & SIGNIFICANT)) for gap in reply.gaps)
    return tuple(reply.keys), needs


class PhraseTable:
    """Phrase lists added one by one, then matched together; read-only once built.

    The phrases form a trie over their keys, so matching costs one dictionary step per word
    of the phrases that do occur, however many phrases share a first word ("i ..." has dozens).
    """

    def __init__(self) -> None:
        self._lists = 0
        self._found: dict[tuple[tuple[str, ...], tuple[str, ...]], list[int]] = {}
        self._root = _Node()

    @property
    def size(self) -> int:
        """How many phrase lists were added."""
        return self._lists

    def add(self, phrases: list[str]) -> int:
        """Add one detector's phrases; returns the index its matches are reported under."""
        index = self._lists
        self._lists += 1
        for phrase in phrases:
            keys, needs = read_phrase(phrase)
            if keys:  # a phrase of punctuation alone can never match a word
                targets = self._found.setdefault((keys, needs), [])
                if index not in targets:
                    targets.append(index)
        return index

    def build(self) -> None:
        root = _Node()
        for (keys, needs), targets in self._found.items():
            node = root
            for key in keys:
                node = node.children.setdefault(key, _Node())
            required = needs if any(needs) else None
            crosses = any(set(need) & _ENDS for need in needs[:-1])
            node.endings = (*node.endings, _Ending(required, crosses, tuple(targets)))
        self._root = root

    def match(self, reply: Reply) -> list[list[TokenRange]]:
        """For each phrase list, the token ranges where one of its phrases occurs."""
        hits: list[list[TokenRange]] = [[] for _ in range(self._lists)]
        roots = self._root.children
        if not roots:
            return hits
        keys, sentence_of, gaps = reply.keys, reply.sentence_of, reply.gaps
        n = len(keys)
        # Most tokens start no phrase; finding the few that do is one C-speed comprehension.
        for i in [i for i, key in enumerate(keys) if key in roots]:
            node: _Node | None = roots[keys[i]]
            stop = i + 1
            while node is not None:
                # "I do" must not be read out of "I don't": a match never stops inside a
                # written word just before its "n't".
                cut = stop < n and gaps[stop - 1] == "" and keys[stop] == "not"
                for ending in node.endings:
                    if cut or (sentence_of[stop - 1] != sentence_of[i] and not ending.crosses):
                        continue
                    if ending.needs is not None and not all(
                        ch in gaps[i + k] for k, need in enumerate(ending.needs) for ch in need
                    ):
                        continue
                    for target in ending.targets:
                        hits[target].append((i, stop))
                if stop >= n:
                    break
                node = node.children.get(keys[stop])
                stop += 1
        return hits
