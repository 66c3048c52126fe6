"""`upward calibrate RUBRIC LABELLED.jsonl... [--write]`: fit a rubric's numbers to labelled data.

Prints band agreement before and after (cross-validated and in-sample) and, per criterion, flag
and cut-off, what changed. `--write` puts the numbers into the rubric file, keeping its comments
and layout, and only when the cross-validated agreement improves.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from simulator.calibration import (
    Agreement,
    LabelledRow,
    NotTrainingData,
    Numbers,
    Observation,
    Observed,
    WriteError,
    agreement,
    cross_validate,
    numbers_of,
    observe,
    out_of,
    read_rows,
    write_numbers,
)
from simulator.calibration.fit import fit
from simulator.calibration.writeback import readable
from simulator.cli.cmd_validate import enclosing_library
from simulator.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    UsageError,
    open_library,
    plural,
    print_problems,
    rubric_by_id,
)
from simulator.loading import Loaded, load_files, load_library
from simulator.loading.library import YAML_SUFFIXES
from simulator.loading.problems import Problem
from simulator.model import Rubric
from simulator.scoring import CompiledRubric

MIN_ROWS = 30
"""Fewer labelled replies than this and a fit of a dozen numbers follows the noise in a few."""
MAX_FOLDS = 10
MAX_DEPARTURES = 0.1
"""Replies scored by a rule beyond weights and penalties are left out, up to this share."""
SHOWN_PROBLEMS = 20
INSTALLED_LIBRARY = Path(__file__).resolve().parent.parent / "library"
"""The library inside an installed package: replaced by the next upgrade, so never written."""


def add_parser(
    sub: argparse._SubParsersAction[argparse.ArgumentParser],
    parents: list[argparse.ArgumentParser],
) -> None:
    parser = sub.add_parser(
        "calibrate",
        parents=parents,
        help="fit a rubric's weights, penalties and band cut-offs to labelled replies",
        description="Fit a rubric's criterion weights, flag penalties and band cut-offs to a "
        "programme's own labelled replies (the LABELS.md format: one JSON object a line with "
        "track, context, text, band and flags). The detectors are not changed: each reply is "
        "scored once, and only the numbers move. A criterion can only raise the score and a "
        "flag only lower it (every weight and penalty stays above zero); weights move in "
        "halves up to 10, penalties and cut-offs in steps of 0.05, strong above adequate. "
        "Prints agreement with the labels before and after, cross-validated and in-sample, "
        "and what changed.",
        epilog="Cross-validated: the replies are split into folds (stratified by band, shuffled "
        "with --seed); each fold is scored by numbers fitted on the others, so the figure says "
        f"how the fit does on replies it has not seen. At least {MIN_ROWS} replies, in at "
        "least two bands, all of the rubric's track. A file of ratings without band labels "
        "(such as the external receptiveness ratings) is refused: it is a check, not training "
        "data. Exit 0 after a report (and a write), 1 for bad rows, a refused write or a "
        "rubric that does not load, 2 for a usage error.",
    )
    parser.add_argument("rubric", metavar="RUBRIC",
                        help="a rubric id in the library, or the path of a rubric file")
    parser.add_argument("labelled", nargs="+", type=Path, metavar="LABELLED.jsonl",
                        help="labelled replies, one JSON object a line (several files add up)")
    parser.add_argument(
        "--write", action="store_true",
        help="write the fitted numbers into the rubric file, keeping its comments and layout; "
        "refused unless the cross-validated agreement improves",
    )
    parser.add_argument("--folds", type=int, default=5, metavar="N",
                        help=f"folds for cross-validation, 2..{MAX_FOLDS} (default: 5)")
    parser.add_argument("--seed", type=int, default=0, metavar="N",
                        help="seed for shuffling the replies into folds (default: 0)")
    parser.add_argument(
        "--keep-bands", action="store_true",
        help="keep the band cut-offs as they are and fit only weights and penalties (to keep "
        "one scale across rubrics)",
    )
    parser.set_defaults(func=run)


@dataclass(frozen=True, slots=True)
class Fitted:
    before: Agreement
    after: Agreement
    cv_after: Agreement
    start: Numbers
    numbers: Numbers


def run(args: argparse.Namespace) -> int:
    if not 2 <= args.folds <= MAX_FOLDS:
        raise UsageError(f"--folds must be 2..{MAX_FOLDS}, not {args.folds}")
    loaded = _rubric(args)
    if loaded is None:
        return EXIT_PROBLEMS
    rubric = loaded.model
    rows, problems = _rows(args.labelled, rubric)
    if rows is None:
        return EXIT_PROBLEMS
    compiled = CompiledRubric.compile(rubric)
    observed = observe(compiled, rows)
    problems += observed.problems
    if problems:
        return _refuse_rows(problems)
    departures = observed.departures
    if len(departures) > MAX_DEPARTURES * len(rows):
        print(f"upward calibrate: {_replies(len(departures))} of {len(rows)} are scored "
              "by rules beyond weights and penalties, which calibrate cannot fit; nothing was "
              f"fitted. The first: {departures[0]}", file=sys.stderr)
        return EXIT_PROBLEMS
    observations = observed.observations
    wrong = _too_few(observations, args.folds)
    if wrong:
        print(f"upward calibrate: {wrong}", file=sys.stderr)
        return EXIT_PROBLEMS

    full = out_of(rubric)
    start = numbers_of(rubric)
    numbers = fit(observations, start, keep_bands=args.keep_bands, out_of=full)
    result = Fitted(
        before=agreement(observations, start, full),
        after=agreement(observations, numbers, full),
        cv_after=cross_validate(observations, start, folds=args.folds, seed=args.seed,
                                keep_bands=args.keep_bands, out_of=full),
        start=start,
        numbers=numbers,
    )
    print(report(loaded, rows, observations_met(observations), result, args, observed))
    if departures:
        print(f"Left out: {_replies(len(departures))} scored by a rule beyond weights and "
              f"penalties (no number changes them as the fit assumes), e.g. {departures[0]}.")
    print(f"Flags come from the detectors, which calibrate does not change: micro-F1 against "
          f"the labels' flags {observed.flags.f1:.2f}.")
    improves = result.cv_after.correct > result.before.correct
    verdict = (f"cross-validated agreement {'rises' if improves else 'does not rise'}: "
               f"{result.before.accuracy:.3f} -> {result.cv_after.accuracy:.3f}")
    if not args.write:
        hint = (f"`--write` puts these numbers into {_shown(loaded.path)}" if improves
                else "`--write` would refuse; the fit only suits these replies")
        print(f"\n{verdict[0].upper()}{verdict[1:]}; {hint}.")
        return EXIT_OK
    if not improves:
        print(f"upward calibrate: not written: {verdict}, so the fitted numbers would suit "
              "these replies, not new ones. Label more replies, or keep the rubric as it is.",
              file=sys.stderr)
        return EXIT_PROBLEMS
    return _write(loaded, numbers, start, verdict)


def _write(loaded: Loaded[Rubric], numbers: Numbers, start: Numbers, verdict: str) -> int:
    if numbers == start:
        print("\nNothing to write: the fitted numbers are the rubric's own.")
        return EXIT_OK
    if INSTALLED_LIBRARY in loaded.path.resolve().parents:
        print(f"upward calibrate: not written: {_shown(loaded.path)} is the rubric installed "
              "with Upward, which the next upgrade replaces; copy it into your own library's "
              "rubrics/ folder and calibrate that (--library DIR)", file=sys.stderr)
        return EXIT_PROBLEMS
    try:
        write_numbers(loaded.path, loaded.model, numbers)
    except WriteError as exc:
        print(f"upward calibrate: {_shown(loaded.path)}: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"\nWrote the new numbers into {_shown(loaded.path)} ({verdict}); comments and "
          "layout kept.")
    return EXIT_OK


def observations_met(observations: Sequence[Observation]) -> tuple[list[int], list[int]]:
    """How many replies met each criterion and raised each flag."""
    met = [sum(column) for column in zip(*(obs.met for obs in observations), strict=True)]
    raised = [sum(column) for column in zip(*(obs.raised for obs in observations), strict=True)]
    return met, raised


def _rubric(args: argparse.Namespace) -> Loaded[Rubric] | None:
    """The rubric RUBRIC names, or None after printing why its file does not load."""
    given = Path(args.rubric)
    if given.suffix in YAML_SUFFIXES or len(given.parts) > 1 or given.is_file():
        if not given.is_file():
            raise UsageError(f"{given}: no such rubric file; give a rubric id or the path of "
                             "a rubric file")
        root = enclosing_library(given.resolve())
        library = load_library(root) if root is not None else load_files([given])
        found = [r for r in library.rubrics.values() if r.path.resolve() == given.resolve()]
        broken = [p for p in library.errors if p.path.resolve() == given.resolve()]
        if broken or not found:
            scenario = [s.model for s in library.scenarios.values()
                        if s.path.resolve() == given.resolve()]
            what = (f"a scenario, not a rubric; give the rubric it uses, '{scenario[0].rubric}'"
                    if scenario else "not a rubric file (it has no criteria)")
            print_problems(broken or [Problem(given, 1, 1, what)], sys.stderr)
            return None
        return Loaded(found[0].model, found[0].document)
    return rubric_by_id(open_library(args, rubrics_only=True), args.rubric)


def _rows(paths: Sequence[Path], rubric: Rubric) -> tuple[list[LabelledRow] | None, list[Problem]]:
    rows: list[LabelledRow] = []
    problems: list[Problem] = []
    flag_ids = {f.id for f in rubric.flags}
    for path in paths:
        if not path.is_file():
            what = "is a folder, not a file" if path.is_dir() else "does not exist"
            raise UsageError(f"{path}: {what}; give a labelled .jsonl file")
        try:
            got, wrong = read_rows(path, flag_ids, rubric.track.value)
        except NotTrainingData as exc:
            print(f"upward calibrate: {exc}", file=sys.stderr)
            return None, []
        rows += got
        problems += wrong
    return rows, problems


def _refuse_rows(problems: list[Problem]) -> int:
    print_problems(sorted(problems)[:SHOWN_PROBLEMS], sys.stderr)
    more = len(problems) - SHOWN_PROBLEMS
    tail = f" ({more} more not shown)" if more > 0 else ""
    print(f"upward calibrate: {plural(len(problems), 'problem')} in the labelled rows{tail}; "
          "nothing was fitted: fix them and run again", file=sys.stderr)
    return EXIT_PROBLEMS


def _too_few(observations: Sequence[Observation], folds: int) -> str | None:
    n = len(observations)
    if n < MIN_ROWS:
        return (f"{n} labelled replies; calibrate needs at least {MIN_ROWS}: a rubric has a "
                "dozen or more numbers, and fitted to fewer replies they follow the quirks of "
                f"a few labels (and each of {folds} folds would hold under {MIN_ROWS // folds} "
                "replies)")
    bands = {obs.band for obs in observations}
    if len(bands) < 2:
        return ("every reply has the same band; cut-offs between bands can only be fitted to "
                "replies of at least two bands")
    return None


def _change(old: float, new: float, note: str = "") -> str:
    if old == new:
        return f"{readable(old):<6} {'(kept' + note + ')' if note else '(kept)'}"
    return f"{readable(old):<6} -> {readable(new)}"


def _replies(count: int) -> str:
    return f"{count} repl{'y' if count == 1 else 'ies'}"


def _shown(path: Path) -> str:
    """A path as short as it can be said: relative to the current folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


def report(loaded: Loaded[Rubric], rows: Sequence[LabelledRow],
           counts: tuple[list[int], list[int]], result: Fitted,
           args: argparse.Namespace, observed: Observed) -> str:
    rubric = loaded.model
    n = result.before.total
    files: dict[Path, int] = {}
    for row in rows:
        files[row.path] = files.get(row.path, 0) + 1

    def figure(a: Agreement) -> str:
        return f"{a.accuracy:.3f} ({a.correct}/{a.total})"

    before, after, cv = result.before, result.after, result.cv_after
    lines = [
        f"Calibrating {rubric.id} ({_shown(loaded.path)}) on {n} {rubric.track.value} replies: "
        + ", ".join(f"{_shown(path)} {count}" for path, count in files.items()),
        "",
        f"{'Band agreement with the labels':38}{'before':>17}  {'after':>17}",
        f"  {f'cross-validated ({args.folds} folds, seed {args.seed})':36}"
        f"{figure(before):>17}* {figure(cv):>17}",
        f"  {'in-sample (fitted on all of them)':36}{figure(before):>17}  {figure(after):>17}",
        f"  {'weak called strong or strong weak':36}{before.off_by_two:>17}  "
        f"{after.off_by_two:>17}",
        "  * the rubric as it stands was not fitted to these replies, so its cross-validated",
        "    figure is its plain agreement",
        "",
        "Criteria: weight (a met criterion only raises the score)",
    ]
    met, raised = counts
    width = max(len(i) for i in [*(c.id for c in rubric.criteria), *(f.id for f in rubric.flags)])
    for i, criterion in enumerate(rubric.criteria):
        change = _change(result.start.weights[i], result.numbers.weights[i])
        lines.append(f"  {criterion.id:{width}}  {change:18} met by {met[i]} of {n}")
    if rubric.flags:
        lines.append("Flags: penalty (a raised flag only lowers the score)")
    for j, flag in enumerate(rubric.flags):
        note = "" if raised[j] else "; no reply raises it"
        change = _change(result.start.penalties[j], result.numbers.penalties[j], note)
        agree = observed.per_flag[flag.id]
        lines.append(f"  {flag.id:{width}}  {change:18} raised by {raised[j]} of {n}, "
                     f"labelled on {agree.tp + agree.fn}, both on {agree.tp}")
    lines.append("Bands: cut-offs" + (" (kept by --keep-bands)" if args.keep_bands else ""))
    lines.append(f"  {'strong':{width}}  {_change(result.start.strong, result.numbers.strong)}")
    lines.append(f"  {'adequate':{width}}  "
                 f"{_change(result.start.adequate, result.numbers.adequate)}")
    return "\n".join(lines)
