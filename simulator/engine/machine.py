"""One `transitions` Machine per scenario, shared by every session that plays it.

States are the beats and the endings (endings are `final`). A single trigger, `advance_on_reply`,
holds each beat's `next` entries in order, guarded by their compiled `when`; the fallback comes
last. With `max_turns`, each branch towards a beat is preceded by a twin that goes to
`on_max_turns` instead on the last allowed reply, so the redirect lives in the machine too and
the path never shows a beat whose line was not spoken.

The conditions receive the turn's `Facts` as the trigger's keyword argument `turn`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from transitions import Machine

from simulator.engine.conditions import Condition, Facts, compile_when
from simulator.model import Next, Scenario

TRIGGER = "advance_on_reply"
"""Named so that no attribute of a session can shadow it (transitions would skip the binding)."""
STATE_ATTRIBUTE = "node"
"""Where the machine keeps a session's current beat or ending."""


@dataclass(frozen=True, slots=True)
class Guard:
    """A compiled `when` in the form transitions calls: `guard(turn=facts) -> bool`."""

    condition: Condition

    def __call__(self, turn: Facts) -> bool:
        return self.condition.holds(turn)

    def __repr__(self) -> str:
        return f"when({self.condition.describe()})"


@dataclass(frozen=True, slots=True)
class LastReply:
    """Holds on the learner's `max_turns`-th reply."""

    max_turns: int

    def __call__(self, turn: Facts) -> bool:
        return turn.turn >= self.max_turns

    def __repr__(self) -> str:
        return f"reply {self.max_turns} reached"


@dataclass(frozen=True, slots=True)
class TakeBranch:
    """Runs once a branch's guards hold (so guards saw the meters before these effects)."""

    index: int
    effects: tuple[tuple[str, int], ...]
    ran_out: bool = False

    def __call__(self, turn: Facts) -> None:
        turn.branch = self.index
        turn.ran_out = self.ran_out
        turn.effects = dict(self.effects)
        for meter, change in self.effects:
            turn.meters[meter] = turn.meters.get(meter, 0) + change

    def __repr__(self) -> str:
        return f"branch {self.index}"


def _transition(source: str, dest: str, index: int, branch: Next, *, ran_out: bool,
                guards: list[Any]) -> dict[str, Any]:
    return {
        "trigger": TRIGGER,
        "source": source,
        "dest": dest,
        "conditions": guards,
        "before": TakeBranch(index, tuple(branch.effects.items()), ran_out),
    }


def machine_config(scenario: Scenario) -> dict[str, Any]:
    """A `MachineConfig`-shaped dict (see transitions' core.pyi) for the scenario."""
    states: list[dict[str, Any]] = [{"name": beat} for beat in scenario.beats]
    states += [{"name": ending, "final": True} for ending in scenario.endings]
    limit, redirect = scenario.max_turns, scenario.on_max_turns
    transitions: list[dict[str, Any]] = []
    for beat_id, beat in scenario.beats.items():
        for index, branch in enumerate(beat.next):
            guard = [Guard(compile_when(branch.when))] if branch.when is not None else []
            if limit is not None and redirect is not None and branch.to in scenario.beats:
                # The cheap reply check goes first: transitions stops at the first failing guard.
                transitions.append(_transition(
                    beat_id, redirect, index, branch, ran_out=True,
                    guards=[LastReply(limit), *guard],
                ))
            transitions.append(_transition(beat_id, branch.to, index, branch, ran_out=False,
                                           guards=guard))
    return {
        "states": states,
        "transitions": transitions,
        "initial": scenario.start,
        "auto_transitions": False,
        "model_attribute": STATE_ATTRIBUTE,
        "send_event": False,
    }


def build_machine(scenario: Scenario) -> Machine:
    """A machine with no model attached yet; sessions join it with `add_model`."""
    return Machine(model=None, **machine_config(scenario))


def discard_machine(machine: Machine) -> None:
    """Empty a machine nobody will use again. Its events refer back to it (a reference
    cycle); emptied, reference counting frees it at once rather than the cycle collector,
    which a batch over thousands of scenarios runs paused (`upward validate`)."""
    machine.events.clear()
    machine.states.clear()
