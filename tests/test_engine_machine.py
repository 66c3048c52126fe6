"""One shared `transitions` machine per scenario; sessions join and leave it."""

from __future__ import annotations

import functools

from transitions import Machine

from simulator.engine import TRIGGER, Session, build_machine, machine_config, prepare
from simulator.engine.machine import Guard, LastReply, TakeBranch
from simulator.engine.runtime import clear_cache
from simulator.loading import Library, load_library
from simulator.model import Scenario
from tests.helpers import FIXTURES

LIBRARY = FIXTURES / "engine" / "library"


@functools.cache
def library() -> Library:
    return load_library(LIBRARY)


def scenario() -> Scenario:
    return library().scenarios["fixture-dashboard"].model


def test_sessions_of_one_scenario_share_one_machine() -> None:
    clear_cache()
    first = Session.from_library(library(), "fixture-dashboard")
    second = Session.from_library(library(), "fixture-dashboard", seed=5)
    assert prepare(scenario()).machine is first._machine is second._machine
    assert {id(m) for m in first._machine.models} >= {id(first), id(second)}
    first.close()
    second.close()


def test_an_edited_scenario_gets_its_own_machine() -> None:
    original = prepare(scenario())
    edited = scenario().model_copy(update={"title": "Edited"})
    assert prepare(edited).machine is not original.machine
    assert prepare(edited).digest != original.digest


def test_a_session_leaves_the_machine_at_its_ending() -> None:
    session = Session.from_library(library(), "fixture-dashboard")
    machine = session._machine
    assert any(m is session for m in machine.models)
    session.respond("/1")  # straight to an ending
    assert not any(m is session for m in machine.models)


def test_closing_an_unfinished_session_detaches_it_once() -> None:
    session = Session.from_library(library(), "fixture-dashboard")
    machine = session._machine
    session.close()
    session.close()
    assert not any(m is session for m in machine.models)


def test_no_auto_transitions_and_a_single_trigger() -> None:
    machine = build_machine(scenario())
    assert machine.get_triggers("opening") == [TRIGGER]
    assert machine.get_triggers("redesign") == []
    assert set(machine.events) == {TRIGGER}
    session = Session.from_library(library(), "fixture-dashboard")
    assert not hasattr(session, "to_curious")
    assert hasattr(session, TRIGGER)
    session.close()


def test_states_are_beats_and_final_endings() -> None:
    machine = build_machine(scenario())
    beats = ["opening", "probing", "bristles", "curious"]
    endings = ["redesign", "partial-win", "brushed-off", "out-of-time"]
    assert list(machine.states) == beats + endings
    assert [machine.get_state(s).final for s in beats + endings] == [False] * 4 + [True] * 4
    assert machine.initial == "opening"


def test_branches_keep_their_order_with_the_fallback_last() -> None:
    config = machine_config(scenario())
    opening = [t for t in config["transitions"] if t["source"] == "opening"]
    # Each branch towards a beat is preceded by its max-turns twin to `on_max_turns`.
    assert [t["dest"] for t in opening] == [
        "out-of-time", "bristles", "out-of-time", "curious", "out-of-time", "probing",
        "brushed-off",
    ]
    assert opening[-1]["conditions"] == []
    twin = opening[0]["conditions"]
    assert isinstance(twin[0], LastReply) and isinstance(twin[1], Guard)
    assert repr(twin[1]) == "when(flags: blame)"
    assert opening[0]["before"] == TakeBranch(0, (("trust", -1),), ran_out=True)
    assert config["auto_transitions"] is False


def test_without_max_turns_there_are_no_twins() -> None:
    feedback = library().scenarios["fixture-feedback"].model
    config = machine_config(feedback)
    assert [(t["source"], t["dest"]) for t in config["transitions"]] == [
        ("opening", "opens-up"), ("opening", "shuts-down"),
    ]


def test_the_machine_is_a_plain_transitions_machine() -> None:
    machine = build_machine(scenario())
    assert type(machine) is Machine
    assert machine.models == []
