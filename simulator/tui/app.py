"""The Upward app: holds the library, the rubric book and the history store, and moves between
screens when they ask. It scores nothing and decides nothing: the engine does."""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import App
from textual.binding import Binding, BindingType
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer

from simulator.tui.briefing import Briefing, BriefingScreen
from simulator.tui.commands import UpwardCommands
from simulator.tui.messages import OpenScenario, ResumeAttempt, RunEnded, StartRun

if TYPE_CHECKING:
    from simulator.engine import Debrief, RubricBook, Run, TurnSaved
    from simulator.history import Attempt, Store
    from simulator.loading import Library, Loaded
    from simulator.model import Rubric, Scenario
    from simulator.tui.home import HomeScreen

# The engine, the models and the loader, the other screens and the history store are imported
# where they are first used: `upward play ID` paints the briefing from plain data before any
# of them (pydantic and the models alone cost a quarter of a second), and loads them behind it.

DARK, LIGHT = "textual-dark", "textual-light"
FULL_COLLECTIONS_RARELY = 100
"""Python's third collector threshold (10 by default): its own full collections become a safety
net, and `collect_now` does them when no one is waiting."""
HOLD_AT_MOST = 2.0
"""Seconds the collector stays off for one reply (`hold_collections`) if `collect_now` never
comes (a reply refused, a screen left mid-turn)."""


@dataclass(frozen=True, slots=True)
class Opening:
    """What `upward play ID` starts with before anything is validated: the briefing's facts
    (from the scenario's and its rubric's plain YAML) and how to load the scenario properly.

    `load` runs in a thread behind the first frame; it returns a library holding the scenario
    and its rubric, or raises. What it raises ends the app, and `UpwardApp.failure` keeps it
    for the command line to report (the same message as before the app would have opened)."""

    briefing: Briefing
    load: Callable[[], Library]


def _home() -> HomeScreen:
    from simulator.tui.home import HomeScreen

    return HomeScreen()


class UpwardApp(App[None]):
    CSS_PATH = Path(__file__).with_name("upward.tcss")
    TITLE = "Upward"
    COMMANDS = App.COMMANDS | {UpwardCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "help", "Keys"),
        Binding("f2", "toggle_coach", "Coach", show=False),
        Binding("f3", "toggle_dark", "Light/dark"),
    ]

    coach: reactive[bool] = reactive(False)
    """Show the rubric's criteria beside the conversation before answering."""

    def __init__(
        self,
        library: Library | Path | None = None,
        *,
        db: Path | None = None,
        save: bool = True,
        seed: int | None = None,
        scenario: str | None = None,
        blink: bool = True,
        rest_of: Path | None = None,
        opening: Opening | None = None,
        manage_gc: bool = False,
    ) -> None:
        """`rest_of`: `library` holds only part of the library in that folder (what `upward
        play ID` needs); the rest loads in a thread after the first frame. `opening`: paint
        its briefing at once and load the scenario behind it (then `library` is not needed).
        `seed`: every run uses it (reproducible); None draws a new one for each run.
        `manage_gc`: the command line's memory policy (`on_ready`, `_settle`, `collect_now`);
        tests run many apps in one process and leave the collector as it is."""
        super().__init__()
        self._opening = opening
        self._first_ready = threading.Event()
        self.failure: Exception | None = None
        """What the opening's load raised; the app exits with it (return code 2)."""
        self._library: Library | None = None
        self._rubrics: RubricBook | None = None
        if opening is None:
            if library is None or isinstance(library, Path):
                from simulator.loading import load_library, resolve_library

                library = load_library(resolve_library(library))
            self._library = library
            self._first_ready.set()
        self._rest_of = rest_of
        self._manage_gc = manage_gc
        self._hold_limit: Timer | None = None
        self.db, self.save, self.seed, self.blink = db, save, seed, blink
        self.first_scenario = scenario
        self._store: Store | None = None
        self.turn_observers: list[TurnSaved] = []
        """Told about each turn once it is saved (the engine's `Run` calls them)."""

    # -- services the screens use -------------------------------------------------------------

    def _first(self) -> Library | None:
        """The library loaded so far (waiting for the opening's load if it is still under way);
        None when that load failed and the app is on its way out."""
        self._first_ready.wait()
        return self._library

    @property
    def library(self) -> Library:
        """The whole library; loaded now if the background load has not finished yet."""
        first = self._first()
        if first is None:
            from simulator.loading import Library

            return Library(None)  # the app is exiting with the opening's failure
        if self._rest_of is not None:
            from simulator.loading import load_library

            self._adopt(load_library(self._rest_of))
        assert self._library is not None
        return self._library

    @property
    def rubrics(self) -> RubricBook:
        """The library's rubrics, each compiled on first use."""
        if self._rubrics is None:
            from simulator.engine import RubricBook

            first = self._first()
            self._rubrics = RubricBook.of(first) if first is not None else RubricBook({})
        return self._rubrics

    def _adopt(self, library: Library, rubrics: RubricBook | None = None) -> None:
        if self._rest_of is None:
            return  # already whole: a background load that lost the race changes nothing
        self._library, self._rest_of = library, None
        self._rubrics = rubrics

    def _load_behind(self) -> None:
        """In a thread, after the first frame: the opening's scenario, then the rest of the
        library, then what the conversation will need, so that Enter starts it at once."""
        opening = self._opening
        if opening is not None and not self._first_ready.is_set():
            try:
                from simulator.engine import RubricBook

                first = opening.load()
                self._library, self._rubrics = first, RubricBook.of(first)
            except Exception as exc:  # the command line's message for a scenario that fails
                self.failure = exc
            finally:
                self._first_ready.set()  # whatever happened: Enter may be waiting on it
            if self.failure is not None:
                self.call_from_thread(self.exit, None, 2)
                return
            self._warm(first, self._rubrics)
        root = self._rest_of
        if root is not None:
            from simulator.engine import RubricBook
            from simulator.loading import load_library

            library = load_library(root)
            rubrics = RubricBook.of(library)
            self._warm(library, rubrics)
            self.call_from_thread(self._adopt, library, rubrics)
        self._settle()

    def _settle(self) -> None:
        """Everything the app keeps is loaded (with `manage_gc`): freeze it, and leave full
        collections to `collect_now`.

        The library, Textual and the imported modules are most of the heap, and each reply
        leaves thousands of objects in cycles (Textual's styling makes a node per component
        class). Python's own full collections rescanned it all every few replies, a pause of
        40-150 ms that landed on the next reply's feedback. Frozen, they are never scanned
        again; with full collections rare, the conversation runs one after each reply is on
        the screen, while the learner reads it.
        """
        if self._manage_gc:
            gc.collect()  # cycles left from loading go now, not into the permanent generation
            gc.freeze()
            young, middle, _ = gc.get_threshold()
            gc.set_threshold(young, middle, FULL_COLLECTIONS_RARELY)

    def hold_collections(self) -> None:
        """No automatic collection from Enter until `collect_now` (with `manage_gc`).

        A turn allocates enough for a dozen young collections, and every tenth of those sweeps
        the middle generation too: 3-12 ms (measured at 80x24), a tenth of the turns, always on
        the way to the feedback frame. Held, the turn's garbage waits for `collect_now`, a few
        hundred milliseconds later, while the learner reads."""
        if not self._manage_gc:
            return
        gc.disable()
        self._stop_hold_limit()  # a hold still running from the reply before
        self._hold_limit = self.set_timer(HOLD_AT_MOST, self._release_collections)

    def _stop_hold_limit(self) -> None:
        if self._hold_limit is not None:
            self._hold_limit.stop()
            self._hold_limit = None

    def _release_collections(self) -> None:
        self._stop_hold_limit()
        if self._manage_gc:
            gc.enable()

    def collect_now(self) -> None:
        """A full collection, at a moment nobody waits on (after a reply's feedback is drawn);
        the collector runs on its own again after it."""
        if self._manage_gc:
            gc.collect()
            self._release_collections()

    def _warm(self, library: Library, rubrics: RubricBook) -> None:
        """Compile the first scenario's rubric and import the conversation's modules now, in
        the background, rather than when the learner presses Enter."""
        loaded = library.scenarios.get(self.first_scenario or "")
        if loaded is not None:
            rubrics.get(loaded.model.rubric)
            import simulator.history
            import simulator.programme
            import simulator.tui.conversation  # noqa: F401

    def scenario(self, scenario_id: str) -> Loaded[Scenario] | None:
        """A scenario, from the part already loaded when it is there."""
        first = self._first()
        if first is None:
            return None
        return first.scenarios.get(scenario_id) or self.library.scenarios.get(scenario_id)

    def rubric_for(self, scenario: Scenario) -> Loaded[Rubric] | None:
        first = self._first()
        if first is None:
            return None
        return first.rubrics.get(scenario.rubric) or self.library.rubrics.get(scenario.rubric)

    @property
    def store(self) -> Store:
        """The history store, opened on first use; unsaved (with a warning) if it cannot open."""
        if self._store is None:
            from simulator.history import HistoryError, NullStore
            from simulator.programme import open_store

            try:
                self._store = open_store(self.db, save=self.save)
            except HistoryError as exc:
                self.notify(f"{exc}. This session will not be saved.",
                            title="History unavailable", severity="error", timeout=10)
                self._store = NullStore()
        return self._store

    def on_mount(self) -> None:
        if self._opening is not None or self._rest_of is not None:
            self.call_after_refresh(
                lambda: self.run_worker(self._load_behind, thread=True, name="load library")
            )
        elif self._manage_gc:
            self.call_after_refresh(lambda: self.run_worker(self._settle, thread=True))
        if self.first_scenario is None and self.library.errors:
            from simulator.tui.error_screen import LibraryErrorScreen

            self.push_screen(LibraryErrorScreen(
                self.library.errors, self.library.root, len(self.library.scenarios)
            ))

    def on_ready(self) -> None:
        """The first frame is out: the collector the command line held off for it
        (`cmd_play.run_app`) runs again, unless a reply is holding it already."""
        if self._manage_gc and self._hold_limit is None:
            gc.enable()

    def get_default_screen(self) -> Screen[None]:
        # `upward play ID` starts at the briefing: composing home first would double the
        # time to the first frame. Leaving it with Esc then covers it with home (`go_back`).
        first = self.first_scenario
        if self._opening is not None:
            return BriefingScreen(self._opening.briefing)
        if first is not None and self._library is not None and first in self._library.scenarios:
            return self.briefing(first)
        return _home()

    def go_back(self) -> None:
        """Back to the screen below, or home when this was the first screen."""
        if len(self.screen_stack) > 1:
            self.pop_screen()
        else:
            self.push_screen(_home())

    def action_back_from_debrief(self, scenario_id: str) -> None:
        """Back from a debrief: to the screen below (the browser, or home), except when that
        is the briefing `upward play ID` started on. Textual cannot take the first screen off
        the stack, so home then covers the debrief, with the browser for the scenario's track
        over it, as if the learner had come that way; the old briefing stays out of reach."""
        from simulator.tui.home import HomeScreen

        stack = self.screen_stack
        if len(stack) > 2 or isinstance(stack[0], HomeScreen):
            self.pop_screen()
            return
        loaded = self.library.scenarios.get(scenario_id)
        self.replace_top(HomeScreen())
        self.action_browse(loaded.model.track.value if loaded is not None else None, scenario_id)

    def replace_top(self, screen: Screen[None]) -> None:
        """Show `screen` in place of the current one (the first screen can only be covered:
        Textual cannot switch away from the bottom of the stack)."""
        if len(self.screen_stack) > 1:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def on_unmount(self) -> None:
        self._release_collections()  # the process goes on collecting as it did before the app
        if self._store is not None:
            self._store.close()

    # -- moving between screens ---------------------------------------------------------------

    @on(OpenScenario)
    def _open(self, event: OpenScenario) -> None:
        self.open_scenario(event.scenario_id)

    def open_scenario(self, scenario_id: str) -> None:
        if self.scenario(scenario_id) is None:
            self.notify(f"No scenario '{scenario_id}' in this library.", severity="error")
            return
        self.push_screen(self.briefing(scenario_id))

    def briefing(self, scenario_id: str) -> BriefingScreen:
        loaded = self.scenario(scenario_id)
        assert loaded is not None, "callers check the id first"
        rubric = self.rubric_for(loaded.model)
        return BriefingScreen(Briefing.of(loaded.model, rubric.model if rubric else None))

    @on(StartRun)
    def _start(self, event: StartRun) -> None:
        self.start_run(event.scenario_id)

    @on(ResumeAttempt)
    def _resume(self, event: ResumeAttempt) -> None:
        self.resume(event.attempt_id)

    def start_run(self, scenario_id: str, attempt: Attempt | None = None) -> None:
        """A conversation in the scenario: fresh, or going on from an unfinished attempt."""
        loaded = self.scenario(scenario_id)
        if loaded is None:
            if self.failure is None:  # else the app is already leaving with the failure
                self.notify(f"No scenario '{scenario_id}' in this library.", severity="error")
            return
        rubric = self.rubric_for(loaded.model)
        compiled = self.rubrics.get(loaded.model.rubric)
        if compiled is None or rubric is None:
            self.notify(f"Rubric '{loaded.model.rubric}' is missing from the library.",
                        severity="error")
            return
        import secrets

        from simulator.engine import ResumeError, Run, Session
        from simulator.history import Recorder, file_sha256
        from simulator.tui.conversation import ConversationScreen

        if attempt is not None and attempt.seed is not None:
            seed = attempt.seed
        else:
            seed = self.seed if self.seed is not None else 1 + secrets.randbelow(999_999)
        session = Session(loaded.model, compiled, seed=seed, shuffle=True)
        recorder = Recorder(self.store, file_sha256(loaded.path),
                            attempt.id if attempt is not None else None)
        run = Run(session, recorder, list(self.turn_observers))
        if attempt is not None:
            try:
                run.replay([(t.beat, t.text, t.retry) for t in attempt.turns])
            except (ResumeError, ValueError) as exc:
                session.close()
                self.notify(str(exc), title="Cannot resume", severity="error")
                return
        self.replace_top(ConversationScreen(run, rubric.model, blink=self.blink))

    def replayed(self, attempt: Attempt) -> Run | None:
        """A run replaying the attempt's saved turns, unsaved (None if it no longer replays)."""
        loaded = self.scenario(attempt.scenario_id)
        compiled = self.rubrics.get(loaded.model.rubric) if loaded is not None else None
        if loaded is None or compiled is None:
            return None
        from simulator.engine import ResumeError, Run, Session

        seed = attempt.seed if attempt.seed is not None else 0
        run = Run(Session(loaded.model, compiled, seed=seed, shuffle=True))
        try:
            run.replay([(t.beat, t.text, t.retry) for t in attempt.turns])
        except (ResumeError, ValueError):
            run.leave()
            return None
        run.leave()
        return run

    def debrief_of(self, attempt: Attempt) -> Debrief | None:
        """The debrief of a saved attempt, rebuilt by replaying its turns."""
        run = self.replayed(attempt)
        return run.debrief() if run is not None else None

    def latest_unfinished(self, scenario_id: str) -> int | None:
        return next((a.id for a in self.store.attempts()
                     if a.scenario_id == scenario_id and not a.finished and a.turns), None)

    def resume(self, attempt_id: int) -> None:
        """Go on with an unfinished attempt at the beat where it stopped."""
        attempt = self.store.attempt(attempt_id)
        if attempt is None or attempt.finished:
            self.notify("That attempt is finished or gone; start a new one.", severity="warning")
            return
        self.start_run(attempt.scenario_id, attempt)

    @on(RunEnded)
    def _ended(self, event: RunEnded) -> None:
        from simulator.tui.debrief import DebriefScreen

        self.replace_top(DebriefScreen(event.debrief))

    def action_browse(self, track: str | None = None, highlight: str | None = None) -> None:
        from simulator.tui.browser import BrowserScreen

        scenarios = [loaded.model for loaded in self.library.scenarios.values()]
        self.push_screen(BrowserScreen(scenarios, lambda: self.store.best_by_scenario(), track,
                                      highlight))

    def action_trainer(self) -> None:
        from simulator.tui.trainer import TrainerScreen

        self.push_screen(TrainerScreen(self.library))

    def action_history(self) -> None:
        from simulator.tui.history_screen import HistoryScreen

        titles = {sid: loaded.model.title for sid, loaded in self.library.scenarios.items()}
        self.push_screen(HistoryScreen(self.store, titles))

    def action_back(self) -> None:
        self.go_back()

    def action_home(self) -> None:
        from simulator.tui.home import HomeScreen

        while len(self.screen_stack) > 1 and not isinstance(self.screen, HomeScreen):
            self.pop_screen()
        if not isinstance(self.screen, HomeScreen):
            self.push_screen(HomeScreen())

    # -- everywhere ---------------------------------------------------------------------------

    def action_toggle_coach(self) -> None:
        self.coach = not self.coach

    def watch_coach(self, coach: bool) -> None:
        for screen in self.screen_stack:
            show = getattr(screen, "show_coach", None)
            if callable(show):
                show(coach)

    def action_toggle_dark(self) -> None:
        self.theme = LIGHT if self.theme == DARK else DARK

    def action_help(self) -> None:
        if self.screen.query("HelpPanel"):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()
