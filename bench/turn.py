"""Enter to the feedback frame in the app, against a minimal Textual chat doing the least work.

    python bench/turn.py [--turns N] [--library DIR] [--scenario ID] [--checkout DIR]

Both apps run headless at 80x24 in this process. Each turn puts a reply in the box and posts
Enter as a terminal would; the clock stops at the first frame the app hands to its driver in
which the turn is shown (headless, the frame is composed but not written out). The floor is a
minimal Textual app that, on Enter in an Input, appends one Static with the text to a
VerticalScroll. Upward scores the reply in a thread, saves nothing (`save=False`), and shows the
reply, its feedback and the counterpart's next line; a conversation that ends starts again.
Between turns both sides wait 0.3 s with the next reply already in the box, as a learner reads
and types before pressing Enter: the box's frame is drawn before the clock starts, as a typed
reply's is. (Put in the box at the moment of Enter, its frame went out at once, and Textual's
frame timer then held the turn's frame back to the next-but-one 60 Hz tick: 17-33 ms of waiting
on both sides that no learner sees.)
Prints p50 and p99 of each and their ratios, for the wall clock (what the learner waits; on a
busy machine it includes waiting for a core) and for the CPU time the process spent (steadier);
the target is a wall-clock p99 under 30 ms.

Timings are printed, never asserted: a loaded machine must not fail a build.
"""

from __future__ import annotations

import argparse
import asyncio
import inspect
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual import events
from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Input, Static

REPO = Path(__file__).resolve().parent.parent
SIZE = (80, 24)
WARM_UP = 5
READING = 0.3
"""Seconds between a turn's frame and the next Enter, on both sides: a learner reads the
feedback before answering (and the app collects garbage in that time, as it would then)."""
REPLIES = (
    "Thanks for making the time. In Tuesday's board meeting three directors asked me what the "
    "red column meant. Could I show you what I found?",
    "Sorry, it's probably nothing, maybe the dashboard could be a bit better?",
    "I noticed 4 of 11 members opened it. What do you think would help them read it?",
    "Honestly the dashboard is confusing and everyone knows it.",
    "I'd like to suggest one change: a plain-words summary at the top. Would you try it?",
    "I see why you built it this way; I might be wrong, but could we test it with two directors?",
)


class Floor(App[None]):
    """The least a chat can do on Enter: one new line of text at the end of a scroll."""

    def compose(self) -> ComposeResult:
        yield VerticalScroll(id="log")
        yield Input(id="box")

    def on_mount(self) -> None:
        self.query_one("#box").focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        log = self.query_one("#log", VerticalScroll)
        log.mount(Static(event.value))
        log.scroll_end(animate=False)
        event.input.clear()


class Frames:
    """When the app hands each frame to its driver, and whether the turn was in it."""

    def __init__(self, app: App[Any]) -> None:
        self.shown: float | None = None
        self.cpu = 0.0
        self.condition: Callable[[], bool] = lambda: False
        original = app._display

        def display(screen: Any, renderable: Any) -> None:
            original(screen, renderable)
            if renderable is not None and self.shown is None and self.condition():
                self.shown, self.cpu = time.perf_counter(), time.process_time()

        app._display = display  # type: ignore[method-assign]

    async def turn(self, app: App[Any], shown: Callable[[], bool]) -> tuple[float, float]:
        """Post Enter; seconds until the first frame in which `shown()` holds, and the CPU
        seconds the process spent on the way (every thread: the reply is scored in one)."""
        self.shown, self.condition = None, shown
        started, cpu = time.perf_counter(), time.process_time()
        app.post_message(events.Key("enter", "\r"))
        while self.shown is None:
            if time.perf_counter() - started > 10:
                raise RuntimeError("the turn never showed")
            await asyncio.sleep(0.0005)
        return self.shown - started, self.cpu - cpu


Times = list[tuple[float, float]]


async def floor_times(turns: int) -> Times:
    app = Floor()
    times: Times = []
    async with app.run_test(size=SIZE) as pilot:
        frames = Frames(app)
        box = app.query_one("#box", Input)
        log = app.query_one("#log", VerticalScroll)
        for number in range(turns + WARM_UP):
            box.value = REPLIES[number % len(REPLIES)]
            await pilot.pause(READING)
            took = await frames.turn(app, appended(log, len(log.children)))
            times.append(took)
    return times[WARM_UP:]


async def upward_times(turns: int, library: Path, scenario: str) -> Times:
    from simulator.tui.app import UpwardApp
    from simulator.tui.conversation import ConversationScreen
    from simulator.tui.reply_input import ReplyInput

    # As `upward play ID` makes it (`manage_gc`), but from a loaded library, unsaved. A checkout
    # from before `manage_gc` (`--checkout`) is timed as it was.
    policy = {"manage_gc": True} if "manage_gc" in inspect.signature(UpwardApp).parameters else {}
    app = UpwardApp(library, scenario=scenario, save=False, seed=0, blink=False, **policy)
    times: Times = []
    async with app.run_test(size=SIZE) as pilot:
        frames = Frames(app)
        await app.workers.wait_for_complete()  # the collector settled after loading
        await pilot.press("enter")  # from the briefing into the conversation
        for number in range(turns + WARM_UP):
            screen = app.screen
            if not isinstance(screen, ConversationScreen) or screen.session.ended:
                app.start_run(scenario)
                await pilot.pause()
                screen = app.screen
            assert isinstance(screen, ConversationScreen)
            box = screen.query_one(ReplyInput)
            box.load_text(REPLIES[number % len(REPLIES)])
            await pilot.pause(READING)
            took = await frames.turn(app, answered(screen, len(screen.session.turns) + 1))
            times.append(took)
            await app.workers.wait_for_complete()
    return times[WARM_UP:]


def appended(log: VerticalScroll, before: int) -> Callable[[], bool]:
    """A new line is laid out in the floor's frame."""
    return lambda: len(log.children) > before and log.children[-1] in log.screen._compositor.widgets


def answered(screen: Any, number: int) -> Callable[[], bool]:
    """Turn `number`'s feedback is laid out in the frame."""

    def shown() -> bool:
        panels = screen.query(f".feedback.turn-{number}")
        return bool(panels) and all(panel in screen._compositor.widgets for panel in panels)

    return shown


def p99(times: list[float]) -> float:
    return statistics.quantiles(times, n=100, method="inclusive")[98]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--turns", type=int, default=150, help="timed turns a side (150)")
    parser.add_argument("--library", type=Path, default=REPO)
    parser.add_argument("--scenario", default="board-dashboard")
    parser.add_argument("--checkout", type=Path, default=REPO,
                        help="time the app of another checkout (default: this one)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(args.checkout.resolve()))
    floor = asyncio.run(floor_times(args.turns))
    ours = asyncio.run(upward_times(args.turns, args.library, args.scenario))
    for what, index in (("wall", 0), ("CPU", 1)):
        floor_side = [t[index] for t in floor]
        ours_side = [t[index] for t in ours]
        floor_p50, ours_p50 = statistics.median(floor_side), statistics.median(ours_side)
        floor_p99, ours_p99 = p99(floor_side), p99(ours_side)
        print(f"{what}: minimal Textual chat, Enter to frame: p50 {floor_p50 * 1e3:6.1f} ms, "
              f"p99 {floor_p99 * 1e3:6.1f} ms (floor, {args.turns} turns)")
        print(f"{what}: upward {args.scenario}, Enter to feedback frame: p50 "
              f"{ours_p50 * 1e3:6.1f} ms, p99 {ours_p99 * 1e3:6.1f} ms")
        print(f"{what}: turn ratio p50 {ours_p50 / floor_p50:.2f}x, p99 {ours_p99 / floor_p99:.2f}x"
              + (" (target: wall p99 under 30 ms)" if index == 0 else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
