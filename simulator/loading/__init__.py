"""Reading trainers' YAML safely and checking it, with a file position for every problem.

The names below are imported on first use (PEP 562): `upward play ID` reads its two files
through `yaml_source` and `roots` before its first frame, and importing this package must not
build every model on the way (pydantic and the models cost a quarter of a second).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from simulator.loading.library import (
        Library,
        Loaded,
        classify,
        load_files,
        load_for_scenario,
        load_library,
    )
    from simulator.loading.problems import LoadError, Problem, Severity
    from simulator.loading.roots import is_library, resolve_library, shipped_library
    from simulator.loading.yaml_source import MAX_FILE_BYTES, Document, load_document

_WHERE = {
    "Library": "library",
    "Loaded": "library",
    "classify": "library",
    "load_files": "library",
    "load_for_scenario": "library",
    "load_library": "library",
    "LoadError": "problems",
    "Problem": "problems",
    "Severity": "problems",
    "is_library": "roots",
    "resolve_library": "roots",
    "shipped_library": "roots",
    "MAX_FILE_BYTES": "yaml_source",
    "Document": "yaml_source",
    "load_document": "yaml_source",
}

__all__ = [
    "MAX_FILE_BYTES",
    "Document",
    "Library",
    "LoadError",
    "Loaded",
    "Problem",
    "Severity",
    "classify",
    "is_library",
    "load_document",
    "load_files",
    "load_for_scenario",
    "load_library",
    "resolve_library",
    "shipped_library",
]


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # looked up once
    return value
