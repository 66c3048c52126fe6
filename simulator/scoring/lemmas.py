"""Reducing a word to the key that phrase matching compares: inflections and spelling folded.

Trainers write one form of a word (`apologise`) and expect every inflection and both spellings
to count (`apologies`, `apologized`, `apologising`). A phrase's words and a reply's words go
through the same `lemma()`, so only equality of keys matters, not whether a key is a real word.

This is a light suffix stripper in the spirit of Porter's steps 1a–1c (plurals, -ed, -ing, -y),
with Porter's rule that keeps the final e of short words, so `cute` never becomes `cut` and
`hoping` never meets `hopping`. It does not strip derivational suffixes (-ness, -ation, -ly):
`assume` and `assumption` stay apart, which keeps phrase matches precise. Irregular forms
(`saw`/`see`, `thought`/`think`) are not folded: list them as separate phrases.

Dictionary lemmatisers were measured and left out: simplemma 2.0 is 19 MB, leaves
`apologize`/`apologise` and `apologies`/`apologise` apart, and folds `didn't` into `do` and
`worse` into `wrong`, which would make phrases like `didn't` match "do"; lemminflect needs
numpy, is part-of-speech dependent and has the same spelling gap.
"""

from __future__ import annotations

import re
from typing import Final

_VOWELS: Final = frozenset("aeiou")

# Each pair of British and American spellings folds to one form (-ize/-ise, -our/-or, -ogue/-og,
# -tre/-ter, -ence/-ense, -dgement/-dgment). Every rule is anchored at the end of the word, so it
# rewrites a suffix and never the middle of an unrelated word.
_SPELLING: Final[tuple[tuple[re.Pattern[str], str], ...]] = (
    (re.compile(r"(?<=..)iz(e|es|ed|ing|er|ers|ation|ations)$"), r"is\1"),
    (re.compile(r"(?<=.)yz(e|es|ed|ing|er|ers)$"), r"ys\1"),
    (re.compile(r"(?<=..)our(s|ed|ing|ite|ites|able|ably|ful|less)?$"), r"or\1"),
    (re.compile(r"(?<=..)ogue(s)?$"), r"og\1"),
    (re.compile(r"(?<=..[^aeiou])(t|b)re(s)?$"), r"\1er\2"),
    (re.compile(r"^(def|off|lic|pret)ence(s)?$"), r"\1ense\2"),
    (re.compile(r"dgement(s)?$"), r"dgment\1"),
)

_INVARIANT: Final = frozenset({
    "always", "news", "perhaps", "series", "species", "sometimes", "whereas", "thus", "yes",
})
"""Words whose final -s is not an inflection; stripping it would make `news` match `new`."""

_MAX_CACHE: Final = 50_000


def _has_vowel(stem: str) -> bool:
    # `y` after a consonant sounds as a vowel (`cry`, `analys-`).
    return any(
        ch in _VOWELS or (ch == "y" and i > 0 and stem[i - 1] not in _VOWELS)
        for i, ch in enumerate(stem)
    )


def _is_vowel(word: str, i: int) -> bool:
    ch = word[i]
    if ch in _VOWELS:
        return True
    return ch == "y" and i > 0 and not _is_vowel(word, i - 1)


def _measure(stem: str) -> int:
    """Porter's m: how many vowel-consonant sequences the stem holds (`blam` 1, `apologis` 4)."""
    m = 0
    previous_vowel = False
    for i in range(len(stem)):
        vowel = _is_vowel(stem, i)
        if previous_vowel and not vowel:
            m += 1
        previous_vowel = vowel
    return m


def _ends_cvc(stem: str) -> bool:
    """Consonant-vowel-consonant at the end, the last not w, x or y: a short syllable (`hop`)."""
    if len(stem) < 3 or stem[-1] in "wxy":
        return False
    n = len(stem)
    return not _is_vowel(stem, n - 3) and _is_vowel(stem, n - 2) and not _is_vowel(stem, n - 1)


def _strip_plural(word: str) -> str:
    if word.endswith("sses"):
        return word[:-2]
    if word.endswith("ies"):
        return word[:-2] if len(word) > 4 else word[:-1]
    # Porter2: drop -s only when a vowel comes before the letter ahead of it (gaps, but not gas,
    # this or us).
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and _has_vowel(word[:-2]):
        return word[:-1]
    return word


def _strip_tense(word: str) -> str:
    if word.endswith("eed"):
        return word[:-1] if _measure(word[:-3]) > 0 else word
    for suffix in ("ed", "ing"):
        if word.endswith(suffix) and _has_vowel(word[: -len(suffix)]):
            stem = word[: -len(suffix)]
            break
    else:
        return word
    if stem.endswith(("at", "bl", "is")):
        return stem + "e"
    if len(stem) > 1 and stem[-1] == stem[-2] and stem[-1] not in _VOWELS | {"l", "s", "z"}:
        return stem[:-1]
    if _measure(stem) == 1 and _ends_cvc(stem):
        return stem + "e"
    return stem


def _reduce(word: str) -> str:
    for pattern, replacement in _SPELLING:
        word = pattern.sub(replacement, word)
    word = _strip_tense(_strip_plural(word))
    if len(word) > 2 and word.endswith("y") and not _is_vowel(word, len(word) - 2):
        word = word[:-1] + "i"
    if word.endswith("e"):
        stem = word[:-1]
        m = _measure(stem)
        if m > 1 or (m == 1 and not _ends_cvc(stem)):
            word = stem
    # apologis(e) and apologi(es) meet; so do realis(e) and emphasis/emphasise.
    if len(word) >= 6 and word.endswith("is"):
        word = word[:-1]
    # travelled / traveled, modelling / modeling.
    if len(word) >= 6 and word.endswith("ll"):
        word = word[:-1]
    return word


_cache: dict[str, str] = {}


def lemma(word: str) -> str:
    """The matching key of one case-folded word; words with digits or apostrophes stay whole."""
    key = _cache.get(word)
    if key is not None:
        return key
    key = word if len(word) <= 3 or not word.isalpha() or word in _INVARIANT else _reduce(word)
    # A bounded cache keeps memory flat on adversarial input; dict writes are atomic, so threads
    # scoring at once at worst compute the same key twice.
    if len(_cache) < _MAX_CACHE:
        _cache[word] = key
    return key
