"""The scenario engine: sessions, branching, debriefs, replays. No UI; the CLI and app use it."""

from simulator.engine.conditions import Facts, compile_when, describe_when
from simulator.engine.debrief import Alternative, CriterionSummary, Debrief, FlagSummary
from simulator.engine.machine import TRIGGER, build_machine, machine_config
from simulator.engine.replay import ExampleRun, example_problems, replay_example
from simulator.engine.runtime import Prepared, RubricBook, pick_line, prepare
from simulator.engine.session import (
    ChoiceError,
    EngineError,
    Opening,
    Session,
    SessionOver,
    TurnResult,
    parse_choice,
)

__all__ = [
    "TRIGGER",
    "Alternative",
    "ChoiceError",
    "CriterionSummary",
    "Debrief",
    "EngineError",
    "ExampleRun",
    "Facts",
    "FlagSummary",
    "Opening",
    "Prepared",
    "RubricBook",
    "Session",
    "SessionOver",
    "TurnResult",
    "build_machine",
    "compile_when",
    "describe_when",
    "example_problems",
    "machine_config",
    "parse_choice",
    "pick_line",
    "prepare",
    "replay_example",
]
