"""Problems found in trainers' files, each tied to a file position."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from simulator.safety.text import one_line


class Severity(StrEnum):
    error = "error"
    warning = "warning"


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """One thing wrong (or worth a look) in a file, at a 1-based line and column."""

    path: Path
    line: int
    column: int
    message: str
    severity: Severity = Severity.error

    def __str__(self) -> str:
        prefix = "warning: " if self.severity is Severity.warning else ""
        # A key, a value or a file name quoted in the message may hold escape codes.
        return one_line(f"{self.path}:{self.line}:{self.column}: {prefix}{self.message}")

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.error


class LoadError(Exception):
    """A file could not be loaded; `problems` says every reason found, with positions."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


def did_you_mean(word: str, options: Iterable[str]) -> str:
    """` — did you mean 'x'?` for the closest option, or nothing when none is close."""
    close = difflib.get_close_matches(word, sorted(options), n=1, cutoff=0.6)
    return f" — did you mean '{close[0]}'?" if close else ""
