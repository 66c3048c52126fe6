"""Cohort reports: anonymous exports in, recurring themes out. Never any reply text."""

from simulator.report.export_format import (
    FORMAT,
    VERSION,
    AnonymousExport,
    ExportAttempt,
    ExportError,
    ExportTurn,
    build_export,
    dump_export,
    parse_export,
    read_export,
)
from simulator.report.themes import (
    MIN_LEARNERS,
    CohortReport,
    Group,
    Theme,
    ThemeKind,
    cohort_report,
    merge,
)

__all__ = [
    "FORMAT",
    "MIN_LEARNERS",
    "VERSION",
    "AnonymousExport",
    "CohortReport",
    "ExportAttempt",
    "ExportError",
    "ExportTurn",
    "Group",
    "Theme",
    "ThemeKind",
    "build_export",
    "cohort_report",
    "dump_export",
    "merge",
    "parse_export",
    "read_export",
]
