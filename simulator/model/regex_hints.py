"""What to do about a trainer regex RE2 cannot compile, by the kind of error RE2 reports.

Only a backreference or a lookaround needs the "RE2 has none of these" hint; an unclosed bracket
or a bad repetition needs its own, or the trainer looks for a backreference that is not there.
"""

from __future__ import annotations

import re

_HINTS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"invalid escape sequence: \\(?:\d|k|g)"),
     "RE2 has no backreferences (\\1, \\k<name>); write the repeated words out instead"),
    (re.compile(r"invalid perl operator: \(\?(?:=|!|<=|<!|P=|P>)"),
     "RE2 has no lookarounds or backreferences ((?=, (?!, (?<=, (?<!, (?P=); write the pattern "
     "without them, or use `not:` around a second detector"),
    (re.compile(r"missing \)|unexpected \)"), "a ( has no matching ), or a ) no matching (; "
     "check the brackets, and write \\( for a literal bracket"),
    (re.compile(r"missing \]"), "a [ has no matching ]; write \\[ for a literal bracket"),
    (re.compile(r"no argument for repetition|bad repetition operator"),
     "a *, + or ? repeats nothing or repeats a repetition; write \\*, \\+ or \\? for the "
     "character itself"),
    (re.compile(r"invalid repetition size"), "a {n,m} count is over RE2's limit of 1000; use "
                                             "a smaller one"),
    (re.compile(r"invalid character class range"), "a range like z-a runs backwards; write it "
                                                   "low to high (a-z)"),
    (re.compile(r"trailing \\"), "the pattern ends with a lone \\; write \\\\ for a backslash"),
    (re.compile(r"invalid escape sequence"), "that escape is not in RE2's syntax; write the "
                                             "character itself, or \\\\ for a backslash"),
)


def re2_hint(reason: str) -> str:
    """What to write instead, for RE2's error `reason`."""
    for pattern, hint in _HINTS:
        if pattern.search(reason):
            return hint
    return "check the pattern against RE2's syntax (the Python `re` syntax without " \
           "backreferences and lookarounds)"
