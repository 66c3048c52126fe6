"""The engine's share of `upward validate`: checks that need scenarios to be played."""

from __future__ import annotations

from simulator.engine.lint import choice_band_problems
from simulator.engine.replay import example_problems
from simulator.engine.runtime import RubricBook
from simulator.loading import Library, Problem


def validation_problems(library: Library) -> list[Problem]:
    """Errors for examples that cannot be replayed or miss; warnings for single-band choices."""
    rubrics = RubricBook.of(library)
    return sorted(example_problems(library, rubrics) + choice_band_problems(library, rubrics))
