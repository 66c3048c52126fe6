"""Reading trainers' YAML safely and checking it, with a file position for every problem."""

from simulator.loading.library import (
    Library,
    Loaded,
    classify,
    is_library,
    load_files,
    load_for_scenario,
    load_library,
    resolve_library,
    shipped_library,
)
from simulator.loading.problems import LoadError, Problem, Severity
from simulator.loading.yaml_source import MAX_FILE_BYTES, Document, load_document

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
