"""Which word patterns a reply could match at all, from the keys it holds, before RE2 runs.

Every compiled pattern knows what any match of it must hold (`classes.Fragment.needs`): for
each of a few sets, one feature of the set. A feature is a token's key ("sorry"), two keys on
adjacent tokens (("i", "will")), `classes.DIGIT` (the stream holds a digit) or a symbol code
(a currency sign, a quotation mark). A reply's features are cheap to list (its keys and their
neighbouring pairs), so a pattern group whose every member lacks one of its needs is ruled out
by a dictionary lookup per feature and a few integer bit operations, without an RE2 search. The
test is necessary, not sufficient: the groups it keeps are searched as before, so a prefilter
can only save work, never change a match.
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


Anchored = tuple[tuple[int, tuple[int, ...]], ...]
"""Members found through one feature: per distinct mask of their other needs, their groups."""


class Prefilter:
    """Each group's members by the features of their rarest need, each with its other needs: a
    member is worth searching when the reply holds one feature of every need. Read-only once
    made.

    Each distinct need that is not a member's rarest is a bit, and each feature knows the bits
    of the needs it is in, so the needs a reply meets are one integer (the OR of its features'
    masks) and a member's other needs are tested with one AND. Tested one by one, `isdisjoint`
    walked the smaller side each time, often every feature of the reply against a large need
    (a lexicon's words, the key pairs where two parts meet), member after member: most of the
    prefilter's time."""

    __slots__ = ("_always", "_known", "size")

    def __init__(self, groups: Sequence[Sequence[Needs]]) -> None:
        always: set[int] = set()
        bits: dict[frozenset[Feature], int] = {}
        anchored: dict[Feature, dict[int, list[int]]] = {}
        for group, needs_of_members in enumerate(groups):
            if not all(needs_of_members):  # nothing known of some match: always searched
                always.add(group)
                continue
            for needs in dict.fromkeys(needs_of_members):
                ranked = sorted(needs, key=need_cost)
                rest = 0
                for need in ranked[1:]:
                    bit = bits.get(need)
                    if bit is None:
                        bit = bits[need] = 1 << len(bits)
                    rest |= bit
                for feature in ranked[0]:
                    # Members with the same other needs share one test, whatever their group.
                    members = anchored.setdefault(feature, {}).setdefault(rest, [])
                    if group not in members:
                        members.append(group)
        holding: dict[Feature, list[int]] = {}
        for need, bit in bits.items():
            for feature in need:
                holding.setdefault(feature, []).append(bit)
        self.size = len(groups)
        """How many groups there are."""
        self._always = frozenset(always)
        self._known: dict[Feature, tuple[int, Anchored]] = {}
        """Every feature of a need: the bits of the needs it is in (none for a need that is only
        ever a member's rarest), and the members whose rarest need holds it. One table, so each
        feature of a reply is looked up once."""
        # Most features are key pairs of a large need and nothing else: those with the same
        # entry share one object, which halves the table's memory.
        shared: dict[tuple[int, Anchored], tuple[int, Anchored]] = {}
        for feature in holding.keys() | anchored.keys():
            entry = (sum(holding.get(feature, ())), tuple(  # distinct bits: the sum is the OR
                (rest, tuple(members)) for rest, members in anchored.get(feature, {}).items()
            ))
            self._known[feature] = shared.setdefault(entry, entry)

    def candidates(self, found: set[Feature]) -> list[int]:
        """The groups (in order) that a reply holding `found` may match."""
        # Looked up in C: a known feature's entry is a pair, never false, so only misses drop.
        known = list(filter(None, map(self._known.get, found)))
        met = 0
        for mask, _ in known:
            met |= mask
        groups = set(self._always)
        for _, anchored in known:
            for rest, members in anchored:
                if rest & met == rest:
                    groups.update(members)
        return sorted(groups)
