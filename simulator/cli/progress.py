"""A progress bar on standard error for long work, shown only on a terminal and only late.

Most runs finish in well under a second and print nothing extra. Once a run has taken longer
than `DELAY` seconds and standard error is a terminal, a Rich bar appears there (standard output
stays exactly what it would be without it) and disappears when the work is done. Piped or
redirected standard error never sees it. Rich is imported only when a bar is shown.
"""

from __future__ import annotations

import os
import sys
import time
from types import TracebackType
from typing import Any, TextIO

DELAY = 1.0
"""Seconds of work before the bar appears: quick runs stay quiet."""
DELAY_ENV = "UPWARD_PROGRESS_DELAY"
"""Overrides `DELAY` (seconds; 0 shows the bar at once), for demonstrations and tests."""
REFRESH = 0.1
"""Seconds between updates of a shown bar: per-item updates would cost more than the work."""


def _delay() -> float:
    try:
        return max(0.0, float(os.environ.get(DELAY_ENV, DELAY)))
    except ValueError:
        return DELAY


def _is_terminal(stream: TextIO | None) -> bool:
    try:
        return stream is not None and stream.isatty()
    except (ValueError, OSError):  # a closed stream
        return False


class Progress:
    """`with Progress() as bar: bar.phase("Checking", 100); ... bar.advance()`.

    A phase is a description and a total (None when unknown: the bar pulses). `advance`
    costs a clock read until the bar is shown, so it can run once per item.
    """

    def __init__(
        self, stream: TextIO | None = None, *, delay: float | None = None, counted: bool = True
    ) -> None:
        self.stream = sys.stderr if stream is None else stream
        self.counted = counted
        """True: show "done/total" items; False: a percentage (a total in bytes)."""
        self.enabled = _is_terminal(self.stream)
        self.delay = _delay() if delay is None else delay
        self._started = time.monotonic()
        self._updated = 0.0
        self._description = ""
        self._total: float | None = None
        self._done = 0.0
        self._bar: Any = None
        self._task: Any = None

    def __enter__(self) -> Progress:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def shown(self) -> bool:
        return self._bar is not None

    def phase(self, description: str, total: float | None) -> None:
        """Start a new stretch of work of `total` items (the clock keeps running)."""
        self._description, self._total, self._done = description, total, 0.0
        if self._bar is not None:
            self._bar.update(self._task, description=description, total=total, completed=0)

    def advance(self, amount: float = 1) -> None:
        self._done += amount
        if not self.enabled:
            return
        now = time.monotonic()
        if self._bar is not None:
            if now - self._updated >= REFRESH:
                self._updated = now
                self._bar.update(self._task, completed=self._done)
        elif now - self._started >= self.delay:
            self._updated = now
            self._show()

    def close(self) -> None:
        if self._bar is not None:
            self._bar.update(self._task, completed=self._done)
            self._bar.stop()
            self._bar = None

    def _show(self) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            TaskProgressColumn,
            TextColumn,
            TimeElapsedColumn,
        )
        from rich.progress import Progress as RichProgress

        console = Console(file=self.stream, stderr=self.stream is sys.__stderr__)
        self._bar = RichProgress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn() if self.counted else TaskProgressColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=True,
            # Lines printed while the bar shows go above it when both share the terminal;
            # otherwise standard output is left alone (Rich would send it to standard error).
            redirect_stdout=_is_terminal(sys.stdout),
            redirect_stderr=False,
        )
        self._task = self._bar.add_task(self._description, total=self._total,
                                        completed=self._done)
        self._bar.start()
