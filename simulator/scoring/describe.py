"""Detectors described in words, for evidence that has nothing to highlight.

A whole-reply test (a length, "no question back") is met by the reply as a whole, so its
evidence is a sentence rather than a highlight of every word: "Whole reply: at most 80 words".
A rubric's own `note:` replaces this when the trainer wants other words.
"""

from __future__ import annotations

from simulator.model.detectors import (
    AllDetector,
    AnyDetector,
    CountDetector,
    IStatementsDetector,
    MetDetector,
    NotDetector,
    OverlapDetector,
    PatternsDetector,
    PhrasesDetector,
    QuestionDetector,
    RaisedDetector,
    RegexDetector,
    WordsDetector,
    YouStatementsDetector,
)

_QUESTIONS = {
    "any": "a question", "open": "an open question", "closed": "a yes/no question",
    "tag": "a tag question", "rhetorical": "a rhetorical question",
    "leading": "a leading question", "off_topic": "a question on another topic",
    "on_topic": "a question on their topic",
}


def _part(d: object) -> str:
    match d:
        case WordsDetector():
            low, high = d.words.min, d.words.max
            if low is not None and high is not None:
                return f"{low} to {high} words"
            return f"at least {low} words" if low is not None else f"at most {high} words"
        case NotDetector():
            return "no " + _part(d.not_).removeprefix("a ").removeprefix("an ")
        case QuestionDetector():
            return _QUESTIONS[d.question]
        case PhrasesDetector():
            return f"words such as “{d.phrases[0]}”"
        case PatternsDetector():
            return f"words like “{d.patterns[0]}”"
        case RegexDetector():
            return "a pattern of the rubric"
        case OverlapDetector():
            return "words from their line"
        case IStatementsDetector():
            return "an I-statement"
        case YouStatementsDetector():
            return "a you-statement"
        case MetDetector():
            return "a criterion met (" + ", ".join(d.met) + ")"
        case RaisedDetector():
            return "a flag raised (" + ", ".join(d.raised) + ")"
        case AllDetector():
            return " and ".join(_part(c) for c in d.all)
        case AnyDetector():
            return " or ".join(_part(c) for c in d.any)
        case CountDetector():
            return f"{d.count.at_least} of: " + ", ".join(_part(c) for c in d.count.of)
    return "the rubric's test"


def describe(detector: object) -> str:
    """A short sentence saying what the whole reply did to meet the detector."""
    text = _part(detector)
    return "Whole reply: " + text
