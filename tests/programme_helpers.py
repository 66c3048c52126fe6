"""Playing the fixture scenario into a history store, for the programme tests."""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Sequence

from simulator.engine import RubricBook, Session
from simulator.history import Recorder, Store, file_sha256
from simulator.loading import Library, load_library
from tests.helpers import FIXTURES

LIBRARY = FIXTURES / "engine" / "library"
SCENARIO = "fixture-dashboard"

PLAYS: dict[str, Sequence[str]] = {
    "specific and curious": ["/2", "For example, I think the legend is missing."],
    "apologises it away": ["/1"],
    "blames, then recovers": ["You never listen to the board.", "/2", "I think so."],
    "circles until time runs out": ["/3", "I think it matters.", "Maybe.", "Hmm, okay."],
}


@functools.cache
def library() -> Library:
    return load_library(LIBRARY)


def play(store: Store, responses: Sequence[str], *, seed: int = 0, leave: bool = False) -> None:
    """Answer `responses` as the app or `play --plain` would, through the recorder."""
    loaded = library().scenarios[SCENARIO]
    rubric = RubricBook.of(library()).get(loaded.model.rubric)
    assert rubric is not None
    session = Session(loaded.model, rubric, seed=seed)
    recorder = Recorder(store, file_sha256(loaded.path))
    try:
        for response in responses:
            recorder.turn_completed(session, session.respond(response))
        if leave:
            recorder.run_left(session)
    finally:
        session.close()


def wait_for(check: Callable[[], bool], timeout: float = 30.0, what: str = "it") -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {timeout}s for {what}")
        time.sleep(0.05)
