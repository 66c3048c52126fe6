"""`upward report FILE... [--markdown]`: a cohort's recurring themes from anonymous exports.

`upward report --lrs URL --key KEY --secret SECRET` reads the same themes from a programme's
Learning Record Store: its statements become the same exports (one per learner's pseudonym),
and from there on both paths are one.

Only themes: criteria most often missed and flags most often raised, per track and per
scenario, with counts. A theme fewer than three learners share is never shown, only counted.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from simulator.cli.cmd_programme import add_credentials, credentials
from simulator.cli.common import EXIT_OK, EXIT_PROBLEMS, UsageError, open_library, plural
from simulator.programme import LrsClient, LrsError, ProgrammeError, check_endpoint
from simulator.report import (
    MIN_LEARNERS,
    AnonymousExport,
    CohortReport,
    ExportError,
    Group,
    Theme,
    ThemeKind,
    cohort_report,
    read_export,
)
from simulator.safety.bounds import bounded_int
from simulator.safety.text import one_line

TOP = 5


def add_parser(sub: argparse._SubParsersAction, parents: list[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "report",
        parents=parents,
        help="a cohort's recurring themes from learners' anonymous exports",
        description="Merge files made by `upward export --anonymous` and print the criteria "
        f"most often missed and the flags most often raised, per track and per scenario. "
        f"Themes shared by fewer than {MIN_LEARNERS} learners are never shown. With --lrs, "
        "the same report from a programme's Learning Record Store.",
    )
    parser.add_argument("files", nargs="*", type=Path, metavar="FILE", help="anonymous exports")
    parser.add_argument(
        "--lrs", default=None, metavar="URL",
        help="read the programme's statements from this xAPI endpoint instead of files",
    )
    add_credentials(parser, "with read access to the LRS")
    parser.add_argument(
        "--markdown", action="store_true", help="Markdown tables, for sharing"
    )
    parser.add_argument(
        "--top", type=bounded_int(0, 10_000), default=TOP, metavar="N",
        help=f"at most N criteria and N flags per group (default: {TOP})",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.top < 1:
        raise UsageError("--top needs a number of 1 or more")
    if bool(args.files) == (args.lrs is not None):
        raise UsageError("give either export FILEs or --lrs URL (with --key and --secret)")
    exports, errors = [], []
    if args.lrs is not None:
        try:
            exports = read_lrs(args)
        except (ProgrammeError, LrsError) as exc:
            errors.append(str(exc))
    for path in args.files:
        try:
            exports.append(read_export(path))
        except ExportError as exc:
            errors.append(str(exc))
    if errors:
        for error in errors:
            print(f"upward report: {error}", file=sys.stderr)
        what = "the LRS could not be read" if args.lrs else f"{plural(len(errors), 'file')} refused"
        print(f"upward report: {what}; no report made", file=sys.stderr)
        return EXIT_PROBLEMS
    report = cohort_report(exports)
    names = labels(args)
    text = markdown(report, args.top, names) if args.markdown else plain(report, args.top, names)
    print(text, end="")
    return EXIT_OK


def read_lrs(args: argparse.Namespace) -> list[AnonymousExport]:
    """The programme's statements as exports, one per learner (see `simulator.programme`)."""
    from simulator.programme.lrs_report import exports_from, query

    key, secret = credentials(args)
    client = LrsClient(check_endpoint(args.lrs), key, secret, credentials_hint=(
        "check --key and --secret: they need to read statements from this LRS"))
    found = exports_from(client.statements(query()))
    if found.ignored:
        print(f"upward report: {plural(found.ignored, 'statement')} under Upward's activity "
              "were not Upward practice statements and were left out", file=sys.stderr)
    return found.exports


def labels(args: argparse.Namespace) -> dict[str, str]:
    """Criterion and flag labels from the library, so trainers read words, not ids.

    Best effort: an export may name a rubric this library lacks, and then the id stands alone.
    """
    try:
        library = open_library(args)
    except UsageError:
        return {}
    names: dict[str, str] = {}
    for loaded in library.rubrics.values():
        for item in (*loaded.model.criteria, *loaded.model.flags):
            names.setdefault(item.id, item.label)
    for loaded in library.scenarios.values():
        for beat in loaded.model.beats.values():
            for criterion in beat.focus:
                names.setdefault(criterion.id, criterion.label)
    return names


def _md_name(theme: Theme, names: dict[str, str]) -> str:
    label = one_line(names.get(theme.id) or "")
    return f"{label} (`{theme.id}`)" if label else f"`{theme.id}`"


def _name(theme: Theme, names: dict[str, str]) -> str:
    label = one_line(names.get(theme.id) or "")  # a trainer's label, shown in a terminal
    return f"{label} ({theme.id})" if label else theme.id


WITHHELD = "counts withheld: with the figures shown, they would reveal a smaller group's"


def _summary(report: CohortReport) -> str:
    if report.counts_withheld:
        return f"{plural(report.exports, 'export')} ({WITHHELD})."
    return (
        f"{plural(report.learners, 'learner')}, {plural(report.attempts, 'attempt')}, "
        f"{plural(report.turns, 'turn')}, from {plural(report.exports, 'export')}."
    )


def _hidden(report: CohortReport) -> str:
    return (
        f"Themes shared by fewer than {MIN_LEARNERS} learners are not shown "
        f"({report.hidden} hidden)."
    )


def _title(group: Group) -> str:
    if group.kind == "track":
        return f"Track {group.name}"
    return f"Scenario {group.name} ({group.track})"


def _group_counts(group: Group) -> str:
    if group.counts_withheld:
        return WITHHELD
    return (
        f"{plural(group.learners, 'learner')}, {plural(group.attempts, 'attempt')}, "
        f"{plural(group.turns, 'turn')}"
    )


def _verb(theme: Theme) -> str:
    return "missed" if theme.kind is ThemeKind.missed else "raised"


def _more(themes: tuple[Theme, ...], top: int) -> int:
    return max(0, len(themes) - top)


def plain(report: CohortReport, top: int, names: dict[str, str] | None = None) -> str:
    names = names or {}
    lines = [f"Cohort themes: {_summary(report)}", _hidden(report)]
    if not report.groups:
        lines += ["", f"No group has {MIN_LEARNERS} or more learners yet."]
    for group in report.groups:
        lines += ["", f"{_title(group)}: {_group_counts(group)}"]
        for title, themes in (("Criteria most often missed", group.missed),
                              ("Flags most often raised", group.flags)):
            lines.append(f"  {title}")
            shown = themes[:top]
            lines += [
                f"    {_name(t, names)}: {_verb(t)} in {t.turns} of {t.of_turns} turns "
                f"({t.share:.0%}), {plural(t.learners, 'learner')}"
                for t in shown
            ] or [f"    none shared by {MIN_LEARNERS} or more learners"]
            if _more(themes, top):
                lines.append(f"    … and {_more(themes, top)} more (--top)")
    return "\n".join(lines) + "\n"


def markdown(report: CohortReport, top: int, names: dict[str, str] | None = None) -> str:
    names = names or {}
    lines = ["# Cohort themes", "", f"{_summary(report)} {_hidden(report)}"]
    if not report.groups:
        lines += ["", f"No group has {MIN_LEARNERS} or more learners yet."]
    for group in report.groups:
        lines += ["", f"## {_title(group)}", "", f"{_group_counts(group)}."]
        for title, themes in (("Criterion most often missed", group.missed),
                              ("Flag most often raised", group.flags)):
            lines += ["", f"| {title} | Turns | Share | Learners |", "|---|--:|--:|--:|"]
            lines += [
                f"| {_md_name(t, names)} | {t.turns} of {t.of_turns} "
                f"| {t.share:.0%} | {t.learners} |"
                for t in themes[:top]
            ] or [f"| none shared by {MIN_LEARNERS} or more learners | | | |"]
            if _more(themes, top):
                lines += ["", f"… and {_more(themes, top)} more (`--top`)."]
    return "\n".join(lines) + "\n"
