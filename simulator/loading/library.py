"""Finding and loading a library: the folder holding `scenarios/` and `rubrics/`."""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from simulator.loading.crossref import check_rubric, check_scenario
from simulator.loading.lexicons import (
    SharedLexicons,
    is_lexicon_file,
    lexicon_files_beside,
    resolve_rubric,
)
from simulator.loading.problems import LoadError, Problem, Severity

# Re-exported (`X as X`): they lived here before `roots` held them.
from simulator.loading.roots import LIBRARY_ENV as LIBRARY_ENV
from simulator.loading.roots import YAML_SUFFIXES as YAML_SUFFIXES
from simulator.loading.roots import is_library, scenario_files
from simulator.loading.roots import resolve_library as resolve_library
from simulator.loading.roots import shipped_library as shipped_library
from simulator.loading.validation import validate
from simulator.loading.walk import yaml_files
from simulator.loading.yaml_source import Document, load_document
from simulator.model import Rubric, Scenario

T = TypeVar("T")

ScenarioCheck = Callable[["Library", "Loaded[Scenario]"], Iterable[Problem]]
"""Checks run on each scenario as soon as it loads cleanly (see `load_files`)."""


@dataclass(frozen=True, slots=True)
class Loaded(Generic[T]):
    """A validated model with the document it came from, for positions in later messages."""

    model: T
    document: Document

    @property
    def path(self) -> Path:
        return self.document.path


@dataclass(slots=True)
class Library:
    """Everything loaded from a set of files, and every problem found on the way."""

    root: Path | None
    rubrics: dict[str, Loaded[Rubric]] = field(default_factory=dict)
    scenarios: dict[str, Loaded[Scenario]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    borrowed: set[str] = field(default_factory=set)
    """Ids of rubrics taken from another library to resolve references, not loaded here."""
    checked: dict[str, Path] = field(default_factory=dict)
    """Scenarios loaded cleanly, checked and let go (`load_files(check=...)`), by id: their
    files. They are not in `scenarios`."""

    @property
    def scenario_count(self) -> int:
        """Scenarios loaded cleanly, whether kept or checked and let go."""
        return len(self.scenarios) + len(self.checked)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    def rubric_models(self) -> dict[str, Rubric]:
        return {rid: loaded.model for rid, loaded in self.rubrics.items()}


def _yaml_files(folder: Path, problems: list[Problem] | None = None) -> list[Path]:
    """The YAML files under `folder`; what could not be looked at goes into `problems`."""
    files, skipped = yaml_files(folder)
    if problems is not None:
        problems.extend(skipped)
    return files


def classify(path: Path, data: Mapping[str, Any] | None = None) -> str:
    """'lexicon', 'rubric' or 'scenario': by the folder it sits in, else by its keys."""
    if is_lexicon_file(path):
        return "lexicon"
    parts = path.parts
    if "rubrics" in parts[:-1] and "scenarios" not in parts[:-1]:
        return "rubric"
    if "scenarios" in parts[:-1]:
        return "scenario"
    if data is not None and ("criteria" in data or "bands" in data):
        return "rubric"
    if data is not None and "lexicons" in data and "id" not in data:
        return "lexicon"
    return "scenario"


def load_library(
    root: Path, step: Callable[[], None] | None = None, *, check: ScenarioCheck | None = None
) -> Library:
    """Load and cross-check a whole library folder; `step` runs once per file, `check` as in
    `load_files`."""
    if not is_library(root):
        library = Library(root)
        library.problems.append(Problem(
            root, 1, 1,
            "not a library: it needs a `scenarios/` and a `rubrics/` folder",
        ))
        return library
    skipped: list[Problem] = []
    library = load_files(library_files(root, skipped), root=root, step=step, check=check)
    library.problems = sorted([*library.problems, *skipped])
    return library


def library_files(root: Path, skipped: list[Problem] | None = None) -> list[Path]:
    """A library's files in the order they load: rubrics first, then scenarios. What could not
    be looked at (unreadable folders, link loops, FIFOs) goes into `skipped`."""
    return _yaml_files(root / "rubrics", skipped) + _yaml_files(root / "scenarios", skipped)


def load_rubrics(root: Path) -> Library:
    """Only the library's rubrics (what `upward score` and borrowed references need)."""
    if not is_library(root):
        return load_library(root)
    skipped: list[Problem] = []
    library = load_files(_yaml_files(root / "rubrics", skipped), root=root)
    library.problems = sorted([*library.problems, *skipped])
    return library


def load_for_scenario(root: Path, scenario_id: str) -> Library | None:
    """Only what playing one scenario needs: its file and its rubric's, found by their names.

    About a tenth of the work of a whole library, so `upward play ID` paints sooner. None when
    either file is not where its id says, or does not load cleanly: then load the whole library,
    whose messages say what is wrong.
    """
    found = scenario_files(root, scenario_id)
    if found is None:
        return None
    library = load_files([found[1], found[0]], root=root)
    if library.errors or scenario_id not in library.scenarios:
        return None
    return library


def load_files(
    files: Iterable[Path],
    *,
    root: Path | None = None,
    extra_rubrics: Mapping[str, Loaded[Rubric]] | None = None,
    step: Callable[[], None] | None = None,
    check: ScenarioCheck | None = None,
) -> Library:
    """Load the given files; `extra_rubrics` resolve references the files do not define.

    `step` runs after each file is read (a progress bar's advance). With `check`, each scenario
    that loads cleanly is checked at once (its problems join the library's) and then let go:
    `library.checked` names it instead of `library.scenarios`, so checking a library of
    thousands never holds more than one scenario's models (`upward validate`). Rubrics, shared
    or borrowed, are all in `library.rubrics` before the first check.
    """
    with collector_paused():
        return _load_files(files, root, extra_rubrics, step, check)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector off while a library is built.

    Loading allocates many long-lived objects and no cycles; each collection rescans the
    growing heap (44 full passes for 1,000 scenarios, half the time of `upward validate`).
    Reference counting still frees everything that is let go.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _load_files(
    files: Iterable[Path],
    root: Path | None,
    extra_rubrics: Mapping[str, Loaded[Rubric]] | None,
    step: Callable[[], None] | None = None,
    check: ScenarioCheck | None = None,
) -> Library:
    library = Library(root)
    files = list(files)
    # A rubric's shared lexicons come with it, even when only the rubric file was named.
    rubric_files = [p for p in files if classify(p) == "rubric"]
    # Absolute, not resolved: resolving follows symlinks, and a looping one must reach the
    # loader, which names it.
    given = {os.path.abspath(p) for p in files}  # noqa: PTH100
    files += [
        p for p in lexicon_files_beside(rubric_files)
        if os.path.abspath(p) not in given  # noqa: PTH100
    ]

    def parse(path: Path) -> Document | None:
        if step is not None:
            step()
        try:
            document = load_document(path)
        except LoadError as exc:
            library.problems.extend(exc.problems)
            return None
        library.problems.extend(document.notes)
        return document

    # Lexicons and rubrics first (scenarios are checked against them), then each scenario
    # parsed, checked and let go of in turn: a library's plain data is never all in memory.
    scenarios: list[tuple[Path, Document | None]] = []
    others: list[tuple[str, Document]] = []
    for path in files:
        if "scenarios" in path.parts[:-1]:  # a scenario by where it is: parsed below
            scenarios.append((path, None))
            continue
        document = parse(path)
        if document is None:
            continue
        kind = classify(path, document.data)
        if kind == "scenario":
            scenarios.append((path, document))
        else:
            others.append((kind, document))
    shared = SharedLexicons()
    for kind, document in others:
        if kind == "lexicon":
            shared.add(document, library.problems)
    unloaded: dict[str, Path] = {}
    for kind, document in others:
        if kind == "rubric":
            added_rubric = _add(
                library, library.rubrics, document, Rubric, check_rubric,
                lambda model, doc, found: resolve_rubric(model, doc, shared, found),
            )
            raw_id = document.data.get("id") if isinstance(document.data, dict) else None
            if added_rubric is None and isinstance(raw_id, str) and raw_id not in unloaded:
                unloaded[raw_id] = document.path
    del others
    known_rubrics = dict(extra_rubrics or {}) | library.rubrics
    rubric_models = {rid: loaded.model for rid, loaded in known_rubrics.items()}
    for rid, loaded in known_rubrics.items():
        if rid not in library.rubrics:
            library.rubrics[rid] = loaded
            library.borrowed.add(rid)
    for index, (path, parsed) in enumerate(scenarios):
        scenarios[index] = (path, None)  # the library keeps the released copy only
        document = parsed or parse(path)
        del parsed
        if document is None:
            continue
        added = _add(
            library, library.scenarios, document, Scenario,
            lambda model, doc: check_scenario(model, doc, rubric_models, unloaded),
            seen=library.checked,
        )
        del document
        if check is not None and added is not None:
            del library.scenarios[added.model.id]
            library.checked[added.model.id] = added.path
            library.problems.extend(check(library, added))
        del added
    library.problems.sort()
    return library


def _add(
    library: Library,
    table: dict[str, Any],
    document: Document,
    model: type[Any],
    check: Callable[[Any, Document], Iterable[Problem]],
    prepare: Callable[[Any, Document, list[Problem]], Any] | None = None,
    *,
    seen: Mapping[str, Path] | None = None,
) -> Loaded[Any] | None:
    """Validate and check the document; into `table` (and returned) when clean. `seen`: files
    of ids already taken though not in `table` (scenarios checked and let go)."""
    try:
        item: Any = validate(document, model)
    except LoadError as exc:
        library.problems.extend(exc.problems)
        return None
    problems = list(check(item, document))
    if prepare is not None:
        item = prepare(item, document, problems)
    expected_name = f"{item.id}{document.path.suffix}"
    if document.path.name != expected_name:
        problems.append(document.problem(
            ("id",), f"the file for id '{item.id}' must be named {expected_name}"
        ))
    if isinstance(item, Scenario) and document.path.parent.name in ("junior", "senior") \
            and document.path.parent.name != item.track:
        problems.append(document.problem(
            ("track",),
            f"track is {item.track} but the file is in scenarios/{document.path.parent.name}/; "
            "move it or change the track",
        ))
    first = table[item.id].path if item.id in table else (seen or {}).get(item.id)
    if first is not None:
        problems.append(document.problem(
            ("id",), f"id '{item.id}' is already used by {first}; ids must be unique"
        ))
    library.problems.extend(problems)
    if any(p.severity is Severity.error for p in problems):
        return None
    loaded = table[item.id] = Loaded(item, document.released())
    return loaded
