"""What a joined programme adds to saving a turn, against saving it privately.

    python bench/outbox.py [--turns N]

Saves N turns (a 5-criterion, 1-flag result) into a fresh history database twice: once with no
programme (the floor: the turn and its marks in one transaction) and once joined (the same
transaction also builds, validates and queues the `answered` statement with ralph's models).
Prints the ratio of the medians and the added milliseconds per turn; the target is well under
one frame of the app (16 ms) added. Nothing is sent: sending runs in its own thread.
Timings are printed, never asserted.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from simulator.history import SqliteStore  # noqa: E402
from simulator.model import Band, Track  # noqa: E402
from simulator.scoring.result import CriterionResult, FlagResult, ScoreResult  # noqa: E402
from simulator.xapi import Enrolment  # noqa: E402
from simulator.xapi import statements as _warm  # noqa: E402, F401 - import cost is not per turn

RESULT = ScoreResult(
    text="Last week I noticed three directors asked about the red column. What do you think?",
    score=0.8, band=Band.strong,
    criteria=tuple(CriterionResult(c, c.title(), 1.0, i % 2 == 0, ((0, 4),) if i % 2 == 0 else ())
                   for i, c in enumerate(["specific", "impact", "owns", "invites", "respect"])),
    flags=(FlagResult("hedging", "Hedging", 0.1, ((0, 4),), "tip"),),
)


def per_turn(folder: Path, enrolment: Enrolment | None, turns: int) -> list[float]:
    with SqliteStore(folder / f"{'joined' if enrolment else 'private'}.db", enrolment) as store:
        attempt = store.start_attempt("board-dashboard", "0f" * 32, Track.junior, 1)
        times = []
        for turn in range(1, turns + 1):
            started = time.perf_counter()
            store.record_turn(attempt, turn, "opening", RESULT)
            times.append(time.perf_counter() - started)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=300)
    args = parser.parse_args()
    enrolment = Enrolment("https://lrs.example.org/xapi/", "learner-" + "ab" * 16)
    with tempfile.TemporaryDirectory() as tmp:
        floor = statistics.median(per_turn(Path(tmp), None, args.turns))
        joined = statistics.median(per_turn(Path(tmp), enrolment, args.turns))
    print(f"save a turn, private:  {floor * 1000:.2f} ms (median of {args.turns}; the floor)")
    print(f"save a turn, joined:   {joined * 1000:.2f} ms "
          f"(+{(joined - floor) * 1000:.2f} ms for the statement)")
    print(f"ratio joined / private: {joined / floor:.2f}x")


if __name__ == "__main__":
    main()
