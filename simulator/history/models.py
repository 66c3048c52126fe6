"""What the history holds: attempts and their scored turns. Plain data, read by every view."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from simulator.model import Band, Outcome, Track

OUTCOME_RANK = {Outcome.success: 3, Outcome.partial: 2, Outcome.setback: 1}
"""Which outcome is better, for "best result" (higher is better)."""


class MarkKind(StrEnum):
    """What a turn's mark records: a criterion met or missed, or a flag raised."""

    met = "met"
    missed = "missed"
    flag = "flag"


@dataclass(frozen=True, slots=True)
class Mark:
    """One criterion or flag on a turn, with the rubric's words for it when they were saved."""

    kind: MarkKind
    id: str
    label: str | None = None
    """The rubric's label, such as "Names a specific observation" (None in migrated rows)."""
    feedback: str | None = None
    """The feedback the learner saw: the criterion's met/missed text or the flag's tip."""
    focus: bool = False
    """True for a beat's focus criterion rather than one of the rubric's."""


@dataclass(frozen=True, slots=True)
class TurnRecord:
    """One answered turn: the reply and how it scored."""

    turn: int
    """1 for the first reply of the attempt."""
    beat: str
    """The beat the reply answered."""
    text: str
    """The learner's reply, as scored."""
    band: Band
    score: float
    marks: tuple[Mark, ...] = ()
    prompt: str | None = None
    """The counterpart's line the reply answered, when the caller gave it."""
    recorded_at: str = ""
    retry: bool = False
    """This reply replaced one the learner took back."""

    def _ids(self, kind: MarkKind) -> list[str]:
        return [m.id for m in self.marks if m.kind is kind]

    @property
    def met(self) -> list[str]:
        return self._ids(MarkKind.met)

    @property
    def missed(self) -> list[str]:
        return self._ids(MarkKind.missed)

    @property
    def flags(self) -> list[str]:
        return self._ids(MarkKind.flag)

    @property
    def focus(self) -> list[str]:
        """Ids of the beat's focus criteria among `met` and `missed`."""
        return [m.id for m in self.marks if m.focus]

    def to_json(self) -> dict[str, Any]:
        return {
            "turn": self.turn,
            "beat": self.beat,
            "prompt": self.prompt,
            "response": self.text,
            "band": self.band.value,
            "score": round(self.score, 4),
            "met": self.met,
            "missed": self.missed,
            "flags": self.flags,
            "retry": self.retry,
        }


@dataclass(frozen=True, slots=True)
class Attempt:
    """One play of one scenario; `ending` and `outcome` stay None while unfinished."""

    id: int
    scenario_id: str
    scenario_hash: str
    """sha256 of the scenario file's bytes when the attempt started."""
    track: Track
    seed: int | None
    started_at: str
    """UTC, ISO 8601."""
    ended_at: str | None = None
    ending: str | None = None
    outcome: Outcome | None = None
    turns: tuple[TurnRecord, ...] = ()
    taken_back: tuple[TurnRecord, ...] = ()
    """Replies the learner took back and answered again, in the order taken back."""

    @property
    def finished(self) -> bool:
        return self.ending is not None

    @property
    def mean_score(self) -> float | None:
        if not self.turns:
            return None
        return sum(t.score for t in self.turns) / len(self.turns)

    def to_json(self) -> dict[str, Any]:
        """The `upward history --json` entry DESIGN.md fixes, with a few extra fields."""
        mean = self.mean_score
        return {
            "id": self.id,
            "scenario": self.scenario_id,
            "scenario_hash": self.scenario_hash,
            "track": self.track.value,
            "seed": self.seed,
            "started": self.started_at,
            "ended": self.ended_at,
            "finished": self.finished,
            "ending": self.ending,
            "outcome": None if self.outcome is None else self.outcome.value,
            "mean_score": None if mean is None else round(mean, 4),
            "turns": [t.to_json() for t in self.turns],
        }


@dataclass(frozen=True, slots=True)
class BestResult:
    """A scenario's record, for the scenario browser."""

    scenario_id: str
    attempts: int
    finished: int
    """How many attempts reached an ending."""
    outcome: Outcome | None
    """The best outcome reached, None if no attempt finished."""
    mean_score: float | None
    """The mean turn score of the best finished attempt (best outcome, then highest mean)."""
    last_played: str
    """When the latest attempt started (UTC, ISO 8601)."""
