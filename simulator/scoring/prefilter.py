"""Which word patterns a reply could match at all, from the keys it holds, before RE2 runs.

Every compiled pattern knows what any match of it must hold (`classes.Fragment.needs`): for
each of a few sets, one feature of the set. A feature is a token's key ("sorry"), two keys on
adjacent tokens (("i", "will")), `classes.DIGIT` (the stream holds a digit) or a symbol code
(a currency sign, a quotation mark). A reply's features are cheap to list (its keys and their
neighbouring pairs), so a pattern group whose every member lacks one of its needs is ruled out
by set operations in C, without an RE2 search. The test is necessary, not sufficient: the groups
it keeps are searched as before, so a prefilter can only save work, never change a match.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise
from typing import Final

from simulator.scoring.classes import DIGIT, Feature, Needs, need_cost
from simulator.scoring.stream import SYMBOL_CHARS, Stream

_DIGIT: Final = re.compile("[0-9]")


def features(keys: Sequence[str], stream: Stream) -> set[Feature]:
    """Every feature a reply's stream holds: its keys, adjacent key pairs, digit and symbols."""
    found: set[Feature] = set(keys)
    found.update(pairwise(keys))
    value = stream.value
    if _DIGIT.search(value) is not None:
        found.add(DIGIT)
    if stream.symbols:
        found.update(ch for ch in SYMBOL_CHARS if ch in value)
    return found


class Prefilter:
    """Each group's members by the features of their rarest need, each with its other needs:
    a member is worth searching when the reply holds one feature of every need. Read-only
    once made."""

    __slots__ = ("_always", "_anchors", "size")

    def __init__(self, groups: Sequence[Sequence[Needs]]) -> None:
        always: set[int] = set()
        anchors: dict[Feature, list[tuple[int, Needs]]] = {}
        for group, needs_of_members in enumerate(groups):
            if not all(needs_of_members):  # nothing known of some match: always searched
                always.add(group)
                continue
            for needs in dict.fromkeys(needs_of_members):
                ranked = sorted(needs, key=need_cost)
                rest = tuple(ranked[1:])
                for feature in ranked[0]:
                    found = anchors.setdefault(feature, [])
                    if (group, rest) not in found:
                        found.append((group, rest))
        self.size = len(groups)
        """How many groups there are."""
        self._always = frozenset(always)
        self._anchors = {feature: tuple(found) for feature, found in anchors.items()}

    def candidates(self, found: set[Feature]) -> list[int]:
        """The groups (in order) that a reply holding `found` may match."""
        anchors = self._anchors
        groups = set(self._always)
        for feature in anchors.keys() & found:
            for group, rest in anchors[feature]:
                if group in groups:
                    continue
                for need in rest:
                    if need.isdisjoint(found):
                        break
                else:
                    groups.add(group)
        return sorted(groups)
