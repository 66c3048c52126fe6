"""Time to first paint of `upward play ID`, against a minimal Textual app in the same run.

    python bench/startup.py [--library DIR] [--scenario ID] [--runs N]

Both apps run in this process, headless at 80x24, alternating, after one warm-up each (so
imports are paid before timing: they are the same Python and Textual for both). "First paint"
is when the first frame showing the target screen is composed and handed to the driver.
For Upward the
clock covers what `upward play ID` does after parsing arguments: load and check the scenario and
its rubric, build the app and paint the briefing (the rest of the library loads in a thread
after the first frame, as in the real command). Run it with `--library .` for the shipped
library. The minimal app paints a Static and a
Footer. Prints the medians and their ratio; the target is 1.5x or less.

Timings are printed, never asserted: a loaded machine must not fail a build.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Static

from simulator.loading import load_for_scenario
from simulator.tui.app import UpwardApp
from simulator.tui.briefing import BriefingScreen

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "fixtures" / "engine" / "library"
SIZE = (80, 24)


class Minimal(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("Hello")
        yield Footer()


def timed(app_class: type[App[None]], painted: Callable[[Screen[None]], bool]) -> type[App[None]]:
    """`app_class` that notes when its first frame showing `painted` is composed, then exits.

    `_display` is where Textual hands each composed frame to the driver (headless drops it);
    waiting for idle from a Pilot would measure the test harness's sleeps as well.
    """

    class Timed(app_class):  # type: ignore[valid-type, misc]
        painted_at: float | None = None

        def _display(self, screen: Screen[None], renderable: object) -> None:
            super()._display(screen, renderable)  # type: ignore[arg-type]
            if renderable is not None and self.painted_at is None and painted(screen):
                self.painted_at = time.perf_counter()
                self.exit()

    return Timed


async def first_paint(build: Callable[[], App[None]]) -> float:
    """Seconds from `build()` (which includes whatever loading it does) to the first frame."""
    start = time.perf_counter()
    app = build()
    await app.run_async(headless=True, size=SIZE)
    painted_at = getattr(app, "painted_at", None)
    if painted_at is None:
        raise RuntimeError(f"{type(app).__name__} exited before painting")
    return painted_at - start


def minimal() -> App[None]:
    return timed(Minimal, lambda screen: True)()


def upward(root: Path, scenario: str) -> Callable[[], App[None]]:
    """What `upward play ID` does after parsing its arguments: load, find, build the app."""
    app_class = timed(UpwardApp, lambda screen: isinstance(screen, BriefingScreen))

    def build() -> App[None]:
        part = load_for_scenario(root, scenario)
        if part is None:
            raise SystemExit(f"no scenario '{scenario}' in {root}")
        return app_class(part, scenario=scenario, save=False, blink=False, rest_of=root)

    return build


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--library", type=Path, default=FIXTURE)
    parser.add_argument("--scenario", default="fixture-dashboard")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)

    build = upward(args.library, args.scenario)
    minimal_times: list[float] = []
    upward_times: list[float] = []
    for index in range(args.runs + 1):
        floor = asyncio.run(first_paint(minimal))
        ours = asyncio.run(first_paint(build))
        if index:  # the first round is the warm-up: imports, caches
            minimal_times.append(floor)
            upward_times.append(ours)
    floor, ours = statistics.median(minimal_times), statistics.median(upward_times)
    print(f"minimal Textual app, first paint:        {floor * 1e3:7.1f} ms (floor, median of "
          f"{args.runs})")
    print(f"upward play {args.scenario}, first paint: {ours * 1e3:7.1f} ms")
    print(f"startup ratio: {ours / floor:.2f}x (target <= 1.5x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
