"""A learner's run through one scenario: reply, score, branch, until an ending."""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from types import TracebackType

from simulator.engine.conditions import Facts, compile_when
from simulator.engine.debrief import Debrief, build_debrief
from simulator.engine.machine import STATE_ATTRIBUTE, TRIGGER
from simulator.engine.runtime import Prepared, RubricBook, prepare
from simulator.engine.speech import pick_line
from simulator.loading import Library
from simulator.model import Beat, Ending, Outcome, Scenario
from simulator.safety.text import clean_reply
from simulator.scoring import CompiledRubric, ScoreResult

CHOICE = re.compile(r"/(\d+)")


class EngineError(Exception):
    """The scenario cannot go on (a beat without a matching branch: validation prevents it)."""


class ChoiceError(ValueError):
    """A suggested choice that this beat does not have; the turn is not consumed."""


class SessionOver(RuntimeError):
    """A reply after the conversation has ended."""


class CannotTakeBack(RuntimeError):
    """No reply to take back, or this one was taken back already."""


@dataclass(frozen=True, slots=True)
class Opening:
    """What the learner sees before their first reply."""

    beat: str
    speaker: str
    say: str
    choices: tuple[str, ...]
    meters: dict[str, int]


@dataclass(frozen=True, slots=True)
class TurnResult:
    """One reply and everything it caused."""

    number: int
    """The learner's reply number, from 1."""
    replied_to: str
    """The beat the learner answered."""
    prompt: str
    """The counterpart's line the learner answered."""
    response: str
    """The reply as scored (a picked choice's text)."""
    choice: int | None
    """The 0-based suggested choice picked, or None for a typed reply."""
    result: ScoreResult
    branch: int | None
    """The index of the `next` entry taken in `replied_to`."""
    ran_out: bool
    """True when `max_turns` sent the conversation to `on_max_turns`."""
    beat: str
    """Where the conversation is now: a beat, or the ending when `ended`."""
    say: str
    """The counterpart's next line (the ending's line when `ended`)."""
    choices: tuple[str, ...]
    """The suggested replies for `beat` (none at an ending)."""
    meters: dict[str, int]
    """Meters after the taken branch's effects."""
    ended: bool
    ending: str | None
    outcome: Outcome | None
    meters_before: dict[str, int]
    """Meters as they were when the learner replied (what the branch conditions saw)."""
    checks: tuple[bool, ...] = ()
    """For each `next` entry of `replied_to`, whether its `when` held (the fallback: True)."""
    retry: bool = False
    """This reply replaced one the learner took back."""

    @property
    def meter_changes(self) -> dict[str, int]:
        """The meters this turn moved, by how much."""
        return {
            name: value - self.meters_before.get(name, 0)
            for name, value in self.meters.items()
            if value != self.meters_before.get(name, 0)
        }


def parse_choice(response: str | int, choices: int) -> int | None:
    """The 0-based choice `response` picks (an int, or "/1".."/9"), or None for typed text."""
    if isinstance(response, bool):
        raise TypeError("a response is text or a choice number, not a boolean")
    if isinstance(response, int):
        index = response
        shown = f"choice {response + 1}"
    else:
        match = CHOICE.fullmatch(response.strip())
        if match is None:
            return None
        index = int(match.group(1)) - 1
        shown = f"/{match.group(1)}"
    if 0 <= index < choices:
        return index
    if choices == 0:
        raise ChoiceError(f"{shown}: there are no suggested replies here; type your own")
    span = "/1" if choices == 1 else f"/1 to /{choices}"
    raise ChoiceError(f"{shown}: pick {span}, or type your own reply")


class Session:
    """One run of a scenario. The shared machine holds the session until it ends or is closed."""

    node: str
    """The current beat or ending; kept up to date by the machine."""

    def __init__(
        self,
        scenario: Scenario,
        compiled_rubric: CompiledRubric,
        seed: int = 0,
        *,
        prepared: Prepared | None = None,
        shuffle: bool = False,
    ) -> None:
        """`shuffle`: suggested replies are shown (and numbered) in an order drawn from the
        seed, so the strong one is not always first. Seed 0 keeps the trainer's order (what
        `upward test` and scripts replay); every run without `--seed` draws a new seed."""
        self.scenario = scenario
        self.seed = seed
        self.shuffle = shuffle
        self.meters: dict[str, int] = scenario.starting_meters
        self.turns: list[TurnResult] = []
        self.taken_back: list[TurnResult] = []
        """Replies the learner took back, oldest first."""
        self._rubric = compiled_rubric
        self._prepared = prepared or prepare(scenario)
        self._machine = self._prepared.machine
        self._attached = True
        self._machine.add_model(self)
        self._line = self._pick(scenario.start, 0, None)
        self._retrying = False
        self._advance: Callable[..., bool] = getattr(self, TRIGGER)

    @classmethod
    def from_library(
        cls, library: Library, scenario_id: str, seed: int = 0, *, rubrics: RubricBook | None = None
    ) -> Session:
        """A session for a scenario of a loaded library; KeyError when it is not there."""
        scenario = library.scenarios[scenario_id].model
        compiled = (rubrics or RubricBook.of(library)).get(scenario.rubric)
        if compiled is None:
            raise KeyError(f"rubric '{scenario.rubric}' is not in the library")
        return cls(scenario, compiled, seed)

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Let go of the shared machine; the session keeps its turns for the debrief."""
        if self._attached:
            self._machine.remove_model(self)
            self._attached = False

    def release(self) -> None:
        """Close, and drop what the machine bound to this session (its trigger and `is_*`
        checks, each holding the session): for a session nobody plays again, such as a
        replayed example, which reference counting then frees at once, without waiting for
        the cycle collector. It can no longer reply or take back."""
        self.close()
        bound = vars(self)
        for name in [k for k, v in bound.items() if type(v) is partial and self in v.args]:
            del bound[name]  # `_advance` among them

    @property
    def beat(self) -> str:
        return str(getattr(self, STATE_ATTRIBUTE))

    @property
    def ended(self) -> bool:
        return self.beat in self.scenario.endings

    @property
    def say(self) -> str:
        """The counterpart's current line."""
        return self._line

    def order(self, beat_id: str) -> tuple[int, ...]:
        """The trainer's indices of a beat's choices in the order the learner sees them."""
        beat = self.scenario.beats.get(beat_id)
        indices = list(range(len(beat.choices))) if beat else []
        if self.shuffle and self.seed != 0 and len(indices) > 1:
            random.Random(f"{self.seed}:choices:{beat_id}").shuffle(indices)
        return tuple(indices)

    def shown_number(self, beat_id: str, index: int) -> int:
        """The 1-based number the learner saw for the trainer's choice `index`."""
        return self.order(beat_id).index(index) + 1

    @property
    def choices(self) -> tuple[str, ...]:
        """The current beat's suggested replies, as shown (`/1` is the first of these)."""
        beat = self.scenario.beats.get(self.beat)
        return tuple(beat.choices[i] for i in self.order(self.beat)) if beat else ()

    @property
    def path(self) -> list[str]:
        return [self.scenario.start, *(turn.beat for turn in self.turns)]

    def start(self) -> Opening:
        """The opening; the same however often it is asked for."""
        start = self.scenario.start
        beat = self.scenario.beats[start]
        return Opening(
            beat=start,
            speaker=self.scenario.counterpart.name,
            say=self._pick(start, 0, None),
            choices=tuple(beat.choices[i] for i in self.order(start)),
            meters=self.scenario.starting_meters,
        )

    def current(self) -> Opening:
        """Where the conversation stands now: the line to answer, the choices, the meters."""
        return Opening(
            beat=self.beat, speaker=self.scenario.counterpart.name, say=self._line,
            choices=self.choices, meters=dict(self.meters),
        )

    def can_take_back(self) -> bool:
        """There is a reply to take back, and it is not itself a retry."""
        return bool(self.turns) and not self.turns[-1].retry

    def take_back(self) -> TurnResult:
        """Undo the last reply: back to the beat it answered, its line and meters restored.

        Each beat visit may be taken back once: the reply that replaces it is a `retry`.
        """
        if not self.can_take_back():
            raise CannotTakeBack(
                "no reply to take back" if not self.turns
                else "that reply was already a second try; it stands"
            )
        last = self.turns.pop()
        self.taken_back.append(last)
        if not self._attached:
            self._machine.add_model(self)
            self._attached = True
        self._machine.set_state(last.replied_to, model=self)
        self.meters.clear()
        self.meters.update(last.meters_before)
        self._line = last.prompt
        self._retrying = True
        return last

    def respond(self, response: str | int, *, retry: bool = False) -> TurnResult:
        """Score a reply (text, a 0-based choice index, or "/N") and move the conversation on.

        Raises ReplyError (empty or too long), ChoiceError or SessionOver without using a turn.
        """
        if self.ended:
            raise SessionOver("the conversation has ended; start a new session to try again")
        beat_id = self.beat
        beat = self.scenario.beats[beat_id]
        if isinstance(response, str):
            response = clean_reply(response)  # a pasted escape code or BOM is no part of a reply
        shown = parse_choice(response, len(beat.choices))
        choice = None if shown is None else self.order(beat_id)[shown]
        text = beat.choices[choice] if choice is not None else str(response)
        prompt = self._line
        result = self._prepared.score(self._rubric, beat_id, text, prompt)
        before = dict(self.meters)
        conditions = self._prepared.conditions.get(beat_id)
        if conditions is None:
            conditions = tuple(None if b.when is None else compile_when(b.when)
                               for b in beat.next)
        seen = Facts(result, before, len(self.turns) + 1)
        checks = tuple(condition is None or condition.holds(seen) for condition in conditions)
        facts = Facts(result, self.meters, len(self.turns) + 1)
        if not self._advance(turn=facts):
            raise EngineError(f"no branch of beat '{beat_id}' matched and it has no fallback")
        node = self.beat
        self._line = self._pick(node, facts.turn, Facts(result, dict(self.meters), facts.turn))
        ending = self.scenario.endings.get(node)
        turn = TurnResult(
            number=facts.turn,
            replied_to=beat_id,
            prompt=prompt,
            response=text,
            choice=choice,
            result=result,
            branch=facts.branch,
            ran_out=facts.ran_out,
            beat=node,
            say=self._line,
            choices=self.choices,
            meters=dict(self.meters),
            ended=ending is not None,
            ending=node if ending is not None else None,
            outcome=ending.outcome if ending is not None else None,
            meters_before=before,
            checks=checks,
            retry=self._retrying or retry,
        )
        self._retrying = False
        self.turns.append(turn)
        if turn.ended:
            self.close()
        return turn

    def score_choices(self, turn: TurnResult) -> list[ScoreResult]:
        """Each suggested choice of the beat `turn` answered, scored as that turn was."""
        beat = self.scenario.beats[turn.replied_to]
        return [
            self._prepared.score(self._rubric, turn.replied_to, choice, turn.prompt)
            for choice in beat.choices
        ]

    def debrief(self) -> Debrief:
        """The run so far: per-criterion results, flags, path, ending and stronger choices."""
        return build_debrief(self.scenario, self.turns, self.score_choices, self.shown_number)

    def _pick(self, node: str, turn: int, facts: Facts | None) -> str:
        spoken: Beat | Ending = self.scenario.beats.get(node) or self.scenario.endings[node]
        return pick_line(spoken.say, self.seed, turn, node, facts)
