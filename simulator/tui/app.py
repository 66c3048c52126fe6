"""The Upward app: holds the library, the rubric book and the history store, and moves between
screens when they ask. It scores nothing and decides nothing: the engine does."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import App
from textual.binding import Binding, BindingType
from textual.reactive import reactive
from textual.screen import Screen

from simulator.engine import Debrief, ResumeError, RubricBook, Run, Session, TurnSaved
from simulator.loading import Library, Loaded, load_library, resolve_library
from simulator.model import Rubric, Scenario
from simulator.tui.briefing import BriefingScreen
from simulator.tui.commands import UpwardCommands
from simulator.tui.home import HomeScreen
from simulator.tui.messages import OpenScenario, ResumeAttempt, RunEnded, StartRun

if TYPE_CHECKING:
    from simulator.history import Attempt, Store

# The other screens, and the history store, are imported where they are first shown or
# used: `upward play ID` paints the briefing without paying for the table, the text area,
# the tabs or SQLite (tens of milliseconds of imports before the first frame).

DARK, LIGHT = "textual-dark", "textual-light"


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
    ) -> None:
        """`rest_of`: `library` holds only part of the library in that folder (what `upward
        play ID` needs to paint at once); the rest loads in a thread after the first frame.
        `seed`: every run uses it (reproducible); None draws a new one for each run."""
        super().__init__()
        if not isinstance(library, Library):
            library = load_library(resolve_library(library))
        self._library = library
        self._rest_of = rest_of
        self.rubrics = RubricBook.of(library)
        self.db, self.save, self.seed, self.blink = db, save, seed, blink
        self.first_scenario = scenario
        self._store: Store | None = None
        self.turn_observers: list[TurnSaved] = []
        """Told about each turn once it is saved (the engine's `Run` calls them)."""

    # -- services the screens use -------------------------------------------------------------

    @property
    def library(self) -> Library:
        """The whole library; loaded now if the background load has not finished yet."""
        if self._rest_of is not None:
            self._adopt(load_library(self._rest_of))
        return self._library

    def _adopt(self, library: Library) -> None:
        if self._rest_of is None:
            return  # already whole: a background load that lost the race changes nothing
        self._library, self._rest_of = library, None
        self.rubrics = RubricBook.of(library)

    def _load_rest(self) -> None:
        root = self._rest_of
        if root is not None:
            library = load_library(root)
            self.call_from_thread(self._adopt, library)

    def scenario(self, scenario_id: str) -> Loaded[Scenario] | None:
        """A scenario, from the part already loaded when it is there."""
        return self._library.scenarios.get(scenario_id) or self.library.scenarios.get(scenario_id)

    def rubric_for(self, scenario: Scenario) -> Loaded[Rubric] | None:
        return self._library.rubrics.get(scenario.rubric) or self.library.rubrics.get(
            scenario.rubric
        )

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
        if self._rest_of is not None:
            self.call_after_refresh(
                lambda: self.run_worker(self._load_rest, thread=True, name="load library")
            )
        if self.first_scenario is None and self.library.errors:
            from simulator.tui.error_screen import LibraryErrorScreen

            self.push_screen(LibraryErrorScreen(
                self.library.errors, self.library.root, len(self.library.scenarios)
            ))

    def get_default_screen(self) -> Screen[None]:
        # `upward play ID` starts at the briefing: composing home first would double the
        # time to the first frame. Leaving it with Esc then covers it with home (`go_back`).
        first = self.first_scenario
        if first is not None and first in self._library.scenarios:
            return self.briefing(first)
        return HomeScreen()

    def go_back(self) -> None:
        """Back to the screen below, or home when this was the first screen."""
        if len(self.screen_stack) > 1:
            self.pop_screen()
        else:
            self.push_screen(HomeScreen())

    def action_back_from_debrief(self, scenario_id: str) -> None:
        """Back from a debrief: to the screen below (the browser, or home), except when that
        is the briefing `upward play ID` started on. Textual cannot take the first screen off
        the stack, so home then covers the debrief, with the browser for the scenario's track
        over it, as if the learner had come that way; the old briefing stays out of reach."""
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
        return BriefingScreen(loaded.model, rubric.model if rubric else None)

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
            self.notify(f"No scenario '{scenario_id}' in this library.", severity="error")
            return
        rubric = self.rubric_for(loaded.model)
        compiled = self.rubrics.get(loaded.model.rubric)
        if compiled is None or rubric is None:
            self.notify(f"Rubric '{loaded.model.rubric}' is missing from the library.",
                        severity="error")
            return
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
        while len(self.screen_stack) > 1 and not isinstance(self.screen, HomeScreen):
            self.pop_screen()
        if not isinstance(self.screen, HomeScreen):
            self.push_screen(HomeScreen())

    # -- everywhere ---------------------------------------------------------------------------

    def action_toggle_coach(self) -> None:
        self.coach = not self.coach

    def action_toggle_dark(self) -> None:
        self.theme = LIGHT if self.theme == DARK else DARK

    def action_help(self) -> None:
        if self.screen.query("HelpPanel"):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()
