"""The one turn loop: reply -> score -> save -> feedback -> the counterpart's line.

The app, `play --plain` and anything later drive a `Run` and only render what it returns, so
the order (a turn is saved before anything of it is shown) and the closing of the session on
every way out live here once. A `Run` is also the single place a saved turn is announced:
`observers` are called after each turn is saved (the xAPI sender plugs in there).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from types import TracebackType
from typing import Protocol

from simulator.engine.debrief import Debrief
from simulator.engine.feedback import Feedback, feedback_of
from simulator.engine.session import Session, TurnResult


class SaveFailed(Exception):
    """The turn could not be saved; the message says where and why. The run goes on."""


class ResumeError(ValueError):
    """The saved turns no longer replay on this scenario (it changed since)."""


class Saver(Protocol):
    """Keeps a run's turns (the history's `Recorder`); may raise SaveFailed."""

    def turn_completed(self, session: Session, turn: TurnResult) -> None: ...

    def turn_taken_back(self, session: Session, turn: TurnResult) -> None: ...

    def run_left(self, session: Session) -> None: ...


class NoSaver:
    """Keeps nothing."""

    def turn_completed(self, session: Session, turn: TurnResult) -> None:
        return None

    def turn_taken_back(self, session: Session, turn: TurnResult) -> None:
        return None

    def run_left(self, session: Session) -> None:
        return None


TurnSaved = Callable[[Session, TurnResult], None]
"""Told about each turn once it is saved, before the learner sees anything of it."""


@dataclass(frozen=True, slots=True)
class MeterView:
    """A meter as the learner sees it: its label, value and the change this turn made."""

    name: str
    label: str
    value: int
    change: int = 0


@dataclass(frozen=True, slots=True)
class Scene:
    """What the learner faces now: the line to answer, the suggestions, the meters."""

    speaker: str
    role: str
    say: str
    choices: tuple[str, ...]
    """As shown: `/1` (or Alt+1) is the first."""
    meters: tuple[MeterView, ...]
    reply_number: int
    """The number the next reply will have (from 1)."""
    max_turns: int | None
    ended: bool
    can_take_back: bool


@dataclass(frozen=True, slots=True)
class Step:
    """One answered turn, everything a front-end shows about it, in the order to show it."""

    turn: TurnResult
    feedback: Feedback
    scene: Scene
    """Where the conversation is now (the counterpart's next line, or the ending's)."""
    save_problem: str | None = None
    """Why the turn could not be saved, when it could not."""


@dataclass(slots=True)
class Run:
    """A session driven turn by turn, saved as it goes. Close it (or use `with`) on every way
    out: `leave()` is safe to call twice and after the ending."""

    session: Session
    saver: Saver = field(default_factory=NoSaver)
    observers: list[TurnSaved] = field(default_factory=list)
    _left: bool = False

    def __enter__(self) -> Run:
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.leave()

    @property
    def ended(self) -> bool:
        return self.session.ended

    def scene(self, changes: dict[str, int] | None = None) -> Scene:
        session, scenario = self.session, self.session.scenario
        now = session.current()
        changes = changes or {}
        return Scene(
            speaker=scenario.counterpart.name, role=scenario.counterpart.role, say=now.say,
            choices=now.choices,
            meters=tuple(
                MeterView(name, scenario.meter_label(name), value, changes.get(name, 0))
                for name, value in now.meters.items()
            ),
            reply_number=len(session.turns) + 1, max_turns=scenario.max_turns,
            ended=session.ended, can_take_back=session.can_take_back(),
        )

    def reply(self, reply: str | int) -> Step:
        """Score, branch, save, then hand back what to show.

        `reply` is text, a 0-based index into the shown choices, or "/N". Raises ReplyError,
        ChoiceError or SessionOver without using a turn; a failed save is reported in the
        step, never raised, so the learner's reply is not lost from the screen.
        """
        turn = self.session.respond(reply)
        problem = self._save(turn)
        return Step(turn, feedback_of(turn.result), self.scene(turn.meter_changes), problem)

    def _save(self, turn: TurnResult) -> str | None:
        try:
            self.saver.turn_completed(self.session, turn)
        except SaveFailed as exc:
            return str(exc)
        for observer in self.observers:
            observer(self.session, turn)
        return None

    def take_back(self) -> TurnResult:
        """Take back the last reply (once per beat): the beat is answered again."""
        turn = self.session.take_back()
        self._left = False
        with contextlib.suppress(SaveFailed):  # the retry replaces the saved reply anyway
            self.saver.turn_taken_back(self.session, turn)
        return turn

    def leave(self) -> None:
        """Leave (or finish): an unfinished attempt stays in the history; the session lets go
        of the shared machine."""
        if not self._left and not self.session.ended and self.session.turns:
            self.saver.run_left(self.session)
        self._left = True
        self.session.close()

    def debrief(self) -> Debrief:
        return self.session.debrief()

    def replay(self, replies: Sequence[tuple[str, str, bool]]) -> None:
        """Resume: answer again, unsaved, the saved replies `(beat, text, retry)`, so the
        session stands where the attempt stopped with its meters restored."""
        for beat, text, retry in replies:
            if self.session.ended or self.session.beat != beat:
                raise ResumeError(
                    f"the saved reply to '{beat}' does not replay here (the scenario has "
                    "changed since); start a new attempt"
                )
            self.session.respond(text, retry=retry)
