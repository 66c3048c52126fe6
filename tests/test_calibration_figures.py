"""The standard rubrics' agreement with the labelled replies and the real receptiveness ratings.

The figures are pinned a little below what bench/calibration.py printed when the rubrics were
tuned, so that a later edit to a rubric or to the scorer cannot lower them without someone
noticing. Raise a floor when a change earns it; never lower one to make a change pass.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from simulator.loading import shipped_library

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"

MARGIN = 0.02
"""Room for a harmless tweak; anything bigger is a regression to look at."""

REACHED = {
    "junior": {"accuracy": 0.967, "micro_f1": 1.000, "rho": 0.957},
    "senior": {"accuracy": 0.967, "micro_f1": 1.000, "rho": 0.954},
}
"""Band accuracy, flag micro-F1 and Spearman(score, band) as measured when last tuned."""

TEAM_REACHED = {
    "junior": {"accuracy": 0.879, "micro_f1": 0.967},
    "senior": {"accuracy": 0.850, "micro_f1": 0.843},
}
"""The same on bench/team-labelled/ (written from LABELS.md alone; see its README)."""

EXTERNAL_RHO = 0.356
"""Spearman(senior-openness score, human receptiveness) on shared/external, when last tuned."""

pytestmark = pytest.mark.skipif(
    not (SHARED / "calibration").is_dir() or not (SHARED / "external").is_dir(),
    reason=f"calibration data not found at {SHARED} (the shared folder beside the repository)",
)


def _bench() -> ModuleType:
    # bench/ is a folder of scripts, not a package; load the one we need by path.
    path = REPO / "bench" / "calibration.py"
    spec = importlib.util.spec_from_file_location("bench_calibration", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def measured() -> tuple[dict[str, object], tuple[int, float]]:
    return _bench().measure(SHARED, shipped_library())


@pytest.mark.parametrize("track", sorted(REACHED))
def test_labelled_figures_hold(
    measured: tuple[dict[str, object], tuple[int, float]], track: str
) -> None:
    reports, _ = measured
    report = reports[track]
    floor = REACHED[track]
    got = {
        "accuracy": report.accuracy,  # type: ignore[attr-defined]
        "micro_f1": report.micro_f1(),  # type: ignore[attr-defined]
        "rho": report.rho,  # type: ignore[attr-defined]
    }
    for name, value in got.items():
        assert value >= floor[name] - MARGIN, (
            f"{track} {name} fell to {value:.3f} (pinned at {floor[name]:.3f}); "
            "run `python bench/calibration.py --misses` to see which replies changed"
        )
    # The targets the rubrics were tuned to, whatever the pinned figures say.
    assert got["accuracy"] >= 0.85
    assert got["micro_f1"] >= 0.85


@pytest.mark.parametrize("track", sorted(TEAM_REACHED))
def test_team_labelled_figures_hold(track: str) -> None:
    report = _bench().measure_team(shipped_library())[track]
    floor = TEAM_REACHED[track]
    got = {"accuracy": report.accuracy, "micro_f1": report.micro_f1()}
    for name, value in got.items():
        assert value >= floor[name] - MARGIN, (
            f"{track} {name} on the team-labelled replies fell to {value:.3f} (pinned at "
            f"{floor[name]:.3f}); run `python bench/calibration.py --misses`"
        )


def test_external_receptiveness_correlation_holds(
    measured: tuple[dict[str, object], tuple[int, float]],
) -> None:
    _, (n, rho) = measured
    assert n > 2_000
    assert rho >= EXTERNAL_RHO - MARGIN, (
        f"Spearman(senior-openness, receptiveness) fell to {rho:.3f} "
        f"(pinned at {EXTERNAL_RHO:.3f}; baselines VADER 0.15, acknowledgement count 0.23)"
    )
