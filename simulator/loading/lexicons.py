"""Shared lexicons (rubrics/lexicons/*.yaml) and the `@name` references that use them.

A rubric may name word lists of its own (`lexicons:`) and use any shared one; every `@name` in
its `phrases`, `patterns` and lexicon entries must resolve, and an unknown name is reported at
its line with the closest known name. A loaded rubric carries the shared lists it can use, so
compiling it needs nothing else.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from simulator.loading.problems import LoadError, Problem, did_you_mean
from simulator.loading.validation import validate
from simulator.loading.yaml_source import Document, Path_
from simulator.model import LexiconFile, Rubric
from simulator.model import patterns as syntax
from simulator.model.detectors import PatternsDetector, PhrasesDetector
from simulator.model.rubric import Criterion, Flag

LEXICON_FOLDER = "lexicons"


@dataclass(slots=True)
class SharedLexicons:
    """Every shared lexicon loaded, with the file each came from."""

    entries: dict[str, list[str]] = field(default_factory=dict)
    origin: dict[str, Path] = field(default_factory=dict)

    def add(self, document: Document, problems: list[Problem]) -> None:
        try:
            model = validate(document, LexiconFile)
        except LoadError as exc:
            problems.extend(exc.problems)
            return
        for name, words in model.lexicons.items():
            if name in self.entries:
                problems.append(document.problem(
                    ("lexicons", name),
                    f"lexicon '{name}' is already defined in {self.origin[name]}; names are "
                    "shared by every rubric, so give this one another name",
                    key=True,
                ))
                continue
            self.entries[name] = list(words)
            self.origin[name] = document.path
        for name, words in model.lexicons.items():
            for index, entry in enumerate(words):
                ref = syntax.entry_reference(entry)
                if ref is not None and ref not in self.entries and ref not in model.lexicons:
                    problems.append(document.problem(
                        ("lexicons", name, index), _unknown(ref, self.entries)
                    ))


def is_lexicon_file(path: Path) -> bool:
    """A YAML file in a `lexicons/` folder under `rubrics/`."""
    parts = path.parts
    return len(parts) >= 3 and parts[-2] == LEXICON_FOLDER and "rubrics" in parts[:-2]


def lexicon_files_beside(rubric_files: Iterable[Path]) -> list[Path]:
    """The shared lexicon files of the rubrics folders these rubric files sit in."""
    folders = sorted({path.parent / LEXICON_FOLDER for path in rubric_files})
    found: list[Path] = []
    for folder in folders:
        try:
            if folder.is_dir():
                found += sorted(
                    path for path in folder.iterdir()
                    if path.suffix in (".yaml", ".yml") and path.is_file()
                )
        except OSError:  # unreadable or a loop: the rubric's own messages will say more
            continue
    return found


def _unknown(name: str, known: Iterable[str]) -> str:
    options = sorted(set(known))
    hint = did_you_mean(name, options)
    listed = ", ".join(options[:12]) + (", ..." if len(options) > 12 else "")
    return (
        f"no lexicon named '{name}'{hint} (known: {listed or 'none'}); define it under "
        "`lexicons:` in this rubric or in rubrics/lexicons/"
    )


def _detector_refs(detector: Any, path: Path_) -> Iterator[tuple[Path_, str]]:
    """Every `@name` a detector tree uses, with the path of the string holding it."""
    if isinstance(detector, PhrasesDetector):
        for index, phrase in enumerate(detector.phrases):
            ref = syntax.phrase_reference(phrase)
            if ref is not None:
                yield (*path, "phrases", index), ref
    elif isinstance(detector, PatternsDetector):
        for index, pattern in enumerate(detector.patterns):
            for ref in syntax.references(syntax.read_pattern(pattern)):
                yield (*path, "patterns", index), ref
    else:
        for key, inner in (("any", "any"), ("all", "all")):
            for index, child in enumerate(getattr(detector, inner, None) or []):
                yield from _detector_refs(child, (*path, key, index))
        child = getattr(detector, "not_", None)
        if child is not None:
            yield from _detector_refs(child, (*path, "not"))
        given = getattr(detector, "given", None)
        if given is not None:
            yield from _detector_refs(given, (*path, "given"))
        count = getattr(detector, "count", None)
        if count is not None and hasattr(count, "of"):
            for index, inner_child in enumerate(count.of):
                yield from _detector_refs(inner_child, (*path, "count", "of", index))


def criteria_refs(
    criteria: Iterable[Criterion | Flag], base: Path_
) -> Iterator[tuple[Path_, str]]:
    for index, criterion in enumerate(criteria):
        yield from _detector_refs(criterion.detect, (*base, index, "detect"))


def resolve_rubric(
    rubric: Rubric, doc: Document, shared: SharedLexicons, problems: list[Problem]
) -> Rubric:
    """Check the rubric's `@name` references; the rubric with the shared lexicons it may use."""
    known = set(rubric.lexicons) | set(shared.entries)
    for name in rubric.lexicons:
        if name in shared.entries:
            problems.append(doc.problem(
                ("lexicons", name),
                f"lexicon '{name}' is also defined in {shared.origin[name]}; rename this one "
                "or use the shared list",
                key=True,
            ))
    for name, words in rubric.lexicons.items():
        for index, entry in enumerate(words):
            ref = syntax.entry_reference(entry)
            if ref is not None and ref not in known:
                problems.append(doc.problem(("lexicons", name, index), _unknown(ref, known)))
    refs = [
        *criteria_refs(rubric.criteria, ("criteria",)),
        *criteria_refs(rubric.flags, ("flags",)),
        *(_detector_refs(rubric.strong_needs, ("strong_needs",))
          if rubric.strong_needs is not None else ()),
    ]
    for path, ref in refs:
        if ref not in known:
            problems.append(doc.problem(path, _unknown(ref, known)))
    cycle = _cycle({**shared.entries, **rubric.lexicons})
    if cycle:
        problems.append(doc.problem(
            ("lexicons",), f"lexicons use each other in a loop: {' -> '.join(cycle)}"
        ))
    if not shared.entries:
        return rubric
    merged = {**shared.entries, **rubric.lexicons}
    return rubric.model_copy(update={"lexicons": merged})


def _cycle(lexicons: dict[str, list[str]]) -> list[str]:
    """A loop of `@name` entries, as the names along it, or [] when there is none."""
    state: dict[str, int] = {}
    trail: list[str] = []

    def visit(name: str) -> list[str]:
        state[name] = 1
        trail.append(name)
        for entry in lexicons.get(name, []):
            ref = syntax.entry_reference(entry)
            if ref is None or ref not in lexicons:
                continue
            if state.get(ref) == 1:
                return [*trail[trail.index(ref):], ref]
            if ref not in state:
                found = visit(ref)
                if found:
                    return found
        trail.pop()
        state[name] = 2
        return []

    for name in lexicons:
        if name not in state:
            found = visit(name)
            if found:
                return found
    return []


def focus_refs(criteria: Iterable[Criterion], base: Path_) -> Iterator[tuple[Path_, str]]:
    """`@name` references in a beat's focus criteria."""
    yield from criteria_refs(criteria, base)
