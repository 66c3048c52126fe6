"""The scenario engine: sessions, branching, debriefs, replays. No UI; the CLI and app use it."""

from simulator.engine.conditions import Facts, compile_when, describe_when
from simulator.engine.debrief import Alternative, CriterionSummary, Debrief, FlagSummary
from simulator.engine.feedback import Feedback, Item, ItemKind, feedback_of, points
from simulator.engine.machine import TRIGGER, build_machine, machine_config
from simulator.engine.replay import ExampleRun, example_problems, replay_example
from simulator.engine.run import (
    MeterView,
    NoSaver,
    ResumeError,
    Run,
    SaveFailed,
    Saver,
    Scene,
    Step,
    TurnSaved,
)
from simulator.engine.runtime import Prepared, RubricBook, prepare
from simulator.engine.session import (
    CannotTakeBack,
    ChoiceError,
    EngineError,
    Opening,
    Session,
    SessionOver,
    TurnResult,
    parse_choice,
)
from simulator.engine.speech import pick_line

__all__ = [
    "TRIGGER",
    "Alternative",
    "CannotTakeBack",
    "ChoiceError",
    "CriterionSummary",
    "Debrief",
    "EngineError",
    "ExampleRun",
    "Facts",
    "Feedback",
    "FlagSummary",
    "Item",
    "ItemKind",
    "MeterView",
    "NoSaver",
    "Opening",
    "Prepared",
    "ResumeError",
    "RubricBook",
    "Run",
    "SaveFailed",
    "Saver",
    "Scene",
    "Session",
    "SessionOver",
    "Step",
    "TurnResult",
    "TurnSaved",
    "build_machine",
    "compile_when",
    "describe_when",
    "example_problems",
    "feedback_of",
    "machine_config",
    "parse_choice",
    "pick_line",
    "points",
    "prepare",
    "replay_example",
]
