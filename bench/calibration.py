"""How far the standard rubrics agree with labelled replies, and with real receptiveness ratings.

    python bench/calibration.py [--shared DIR] [--library DIR] [--misses] [--half tune|check]
    python bench/calibration.py --blind FILE [FILE ...]

Prints, per track: band accuracy, the confusion matrix, Spearman between score and band, and
precision / recall / F1 per flag with the micro average; then the same for the team-labelled
replies in bench/team-labelled/ (see its README) and the outside writers' replies in
shared/calibration/more/, each also split in two fixed halves (below); then the Spearman
correlation between the senior-openness score and the human receptiveness ratings in
shared/external/, and how often junior-challenge raises `contempt` or `blame` on the rudest and
the politest requests of the Stanford Politeness Corpus (bench/external-politeness/).

`--blind` measures labelled files nobody may read yet (bench/held-out/, a new writer's batch):
per file and track only counts are printed (band accuracy, the band errors by kind, flag
micro-F1, each flag's hits out of its labels, and Spearman between score and a writer's `open`
rating where rows carry one), never a reply's text, so measuring does not unblind them.

The halves guard against overfitting: a reply belongs to the `tune` half or the `check` half by
a hash of its text, so the split never changes. Rules are written from the `tune` half's
disagreements only (`--misses --half tune`); the `check` half says whether they generalise.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from simulator.loading import load_library, shipped_library
from simulator.scoring import CompiledRubric

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = REPO.parent / "shared"
TEAM_LABELLED = REPO / "bench" / "team-labelled"
POLITENESS = REPO / "bench" / "external-politeness" / "requests.jsonl"
AGREEMENT = REPO / "bench" / "agreement" / "relabelled.jsonl"
HALVES = ("tune", "check")
RUBRIC_BY_TRACK = {"junior": "junior-challenge", "senior": "senior-openness"}
BANDS = ("weak", "adequate", "strong")
DOMINANCE = ("pulls_rank", "dismisses", "defensive", "patronising", "redirects")
BAND_RANK = {band: rank for rank, band in enumerate(BANDS)}


def ranks(values: Sequence[float]) -> list[float]:
    """Ranks from 1, ties sharing their mean rank (as Spearman's rho needs)."""
    order = sorted(range(len(values)), key=values.__getitem__)
    result = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            result[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return result


def spearman(xs: Sequence[float], ys: Sequence[float]) -> float:
    rx, ry = ranks(xs), ranks(ys)
    n = len(xs)
    mx, my = sum(rx) / n, sum(ry) / n
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry, strict=True))
    vx = sum((a - mx) ** 2 for a in rx)
    vy = sum((b - my) ** 2 for b in ry)
    return cov / (vx * vy) ** 0.5 if vx and vy else 0.0


@dataclass
class FlagCounts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


@dataclass
class TrackReport:
    track: str
    n: int = 0
    correct: int = 0
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    scores: list[float] = field(default_factory=list)
    labels: list[int] = field(default_factory=list)
    flags: dict[str, FlagCounts] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.correct / self.n if self.n else 0.0

    @property
    def rho(self) -> float:
        return spearman(self.scores, self.labels)

    def micro_f1(self) -> float:
        total = FlagCounts()
        for counts in self.flags.values():
            total.tp += counts.tp
            total.fp += counts.fp
            total.fn += counts.fn
        return total.prf()[2]


def evaluate(track: str, rows: list[dict], rubric: CompiledRubric) -> TrackReport:
    report = TrackReport(track)
    report.flags = {flag.id: FlagCounts() for flag in rubric.rubric.flags}
    for row in rows:
        result = rubric.score(row["text"], context=row.get("context"))
        got, want = result.band.value, row["band"]
        report.n += 1
        report.correct += got == want
        report.confusion[(want, got)] += 1
        report.scores.append(result.score)
        report.labels.append(BAND_RANK[want])
        raised, expected = set(result.flag_ids), set(row.get("flags", []))
        for flag_id, counts in report.flags.items():
            counts.tp += flag_id in raised and flag_id in expected
            counts.fp += flag_id in raised and flag_id not in expected
            counts.fn += flag_id not in raised and flag_id in expected
        if got != want or raised != expected:
            report.misses.append(
                f"  want {want:8} {sorted(expected)!s:28} got {got:8} {result.score:.2f} "
                f"{sorted(raised)!s:28} met={result.met}\n      {row['text'][:160]}"
            )
    return report


def external_rho(rubric: CompiledRubric, path: Path) -> tuple[int, float]:
    texts, ratings = [], []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            texts.append(row["text"])
            ratings.append(float(row["receptive"]))
    scores = []
    for text in texts:
        try:
            scores.append(rubric.score(text[:5000]).score)
        except ValueError:
            scores.append(0.0)
    return len(texts), spearman(scores, ratings)


def half_of(text: str) -> str:
    """`tune` or `check`, fixed by the text: the first byte of its SHA-256 is even or odd."""
    return HALVES[hashlib.sha256(text.encode("utf-8")).digest()[0] % 2]


@dataclass
class PolitenessReport:
    n: int
    rude_n: int
    rude_flagged: float
    polite_n: int
    polite_flagged: float
    rude_examples: list[str] = field(default_factory=list)
    polite_examples: list[str] = field(default_factory=list)


def politeness_check(
    rubric: CompiledRubric, path: Path = POLITENESS, flags: tuple[str, ...] = ("contempt", "blame")
) -> PolitenessReport:
    """Share of the rudest tenth and the politest quarter on which any of `flags` is raised."""
    with path.open(encoding="utf-8") as lines:
        rows = sorted(map(json.loads, lines), key=lambda r: (r["politeness"], r["source"], r["id"]))
    n = len(rows)
    rude, polite = rows[: n // 10], rows[n - n // 4:]

    def flagged(group: list[dict]) -> tuple[float, list[str]]:
        hits = []
        for row in group:
            try:
                raised = set(rubric.score(row["text"][:5000]).flag_ids)
            except ValueError:
                continue
            if raised & set(flags):
                hits.append(f"  {sorted(raised & set(flags))} {row['text'][:150]}")
        return len(hits) / len(group), hits

    rude_share, rude_hits = flagged(rude)
    polite_share, polite_hits = flagged(polite)
    return PolitenessReport(n, len(rude), rude_share, len(polite), polite_share,
                            rude_hits, polite_hits)


@cache
def compile_standard(library: Path) -> dict[str, CompiledRubric]:
    """The two standard rubrics compiled once per library (every measure here shares them)."""
    loaded = load_library(library)
    return {
        track: CompiledRubric.compile(loaded.rubrics[rid].model)
        for track, rid in RUBRIC_BY_TRACK.items()
    }


def labelled_rows(folder: Path, track: str) -> list[dict]:
    rows: list[dict] = []
    for path in sorted(folder.glob("*.jsonl")):
        with path.open(encoding="utf-8") as lines:
            rows += [r for r in map(json.loads, lines) if r["track"] == track]
    return rows


def measure(shared: Path, library: Path) -> tuple[dict[str, TrackReport], tuple[int, float]]:
    compiled = compile_standard(library)
    reports = {
        track: evaluate(track, labelled_rows(shared / "calibration", track), compiled[track])
        for track in RUBRIC_BY_TRACK
    }
    external = external_rho(compiled["senior"], shared / "external" / "receptiveness.jsonl")
    return reports, external


def measure_team(
    library: Path, folder: Path = TEAM_LABELLED, half: str | None = None
) -> dict[str, TrackReport]:
    """Agreement on the labelled replies in `folder`; with `half`, on that half of them only."""
    compiled = compile_standard(library)
    reports = {}
    for track in RUBRIC_BY_TRACK:
        rows = labelled_rows(folder, track)
        if half is not None:
            rows = [row for row in rows if half_of(row["text"]) == half]
        reports[track] = evaluate(track, rows, compiled[track])
    return reports


def open_rho(library: Path, folder: Path = TEAM_LABELLED) -> tuple[int, float]:
    """Spearman between the senior-openness score and the writer's 1-7 `open` rating, over the
    team-labelled replies that carry one (batch 10: the senior argues back, at every degree of
    receptiveness; the genre of shared/external without its topics)."""
    rated = [row for row in labelled_rows(folder, "senior") if "open" in row]
    report = evaluate("senior", rated, compile_standard(library)["senior"])
    return report.n, spearman(report.scores, [row["open"] for row in rated])


def flag_f1(pairs: Sequence[tuple[Sequence[str], Sequence[str]]]) -> float:
    """Micro-F1 of the second flag lists against the first, over every reply."""
    total = FlagCounts()
    for first, second in pairs:
        a, b = set(first), set(second)
        total.tp += len(a & b)
        total.fp += len(b - a)
        total.fn += len(a - b)
    return total.prf()[2]


def agreement(library: Path, path: Path = AGREEMENT) -> dict[str, tuple[int, float, float,
                                                                       float, float]]:
    """Per track: replies, then band accuracy and flag micro-F1 of a second labeller against
    the first labels (how far two people agree: the ceiling a rubric is measured under), then
    the same for the rubric against the first labels."""
    compiled = compile_standard(library)
    with path.open(encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines]
    figures = {}
    for track in RUBRIC_BY_TRACK:
        chosen = [row for row in rows if row["track"] == track]
        ours = evaluate(track, chosen, compiled[track])
        figures[track] = (
            ours.n,
            sum(row["band"] == row["second_band"] for row in chosen) / ours.n,
            flag_f1([(row["flags"], row["second_flags"]) for row in chosen]),
            ours.accuracy,
            ours.micro_f1(),
        )
    return figures


def measure_more(shared: Path, library: Path, half: str | None = None) -> dict[str, TrackReport]:
    """Agreement on shared/calibration/more/ (the outside writers' replies)."""
    return measure_team(library, shared / "calibration" / "more", half)


def measure_politeness(library: Path, path: Path = POLITENESS) -> PolitenessReport:
    return politeness_check(compile_standard(library)["junior"], path)


def print_report(report: TrackReport, show_misses: bool, source: str = "") -> None:
    rid = RUBRIC_BY_TRACK[report.track]
    print(f"== {report.track} ({rid}), {report.n} {source}labelled replies")
    print(f"band accuracy      {report.accuracy:.3f}")
    print(f"spearman(score, band) {report.rho:.3f}")
    print("confusion (rows: label, columns: rubric)")
    print("            " + "".join(f"{b:>10}" for b in BANDS))
    for want in BANDS:
        print(f"  {want:10}" + "".join(f"{report.confusion[(want, got)]:>10}" for got in BANDS))
    print(f"  {'flag':14}{'P':>7}{'R':>7}{'F1':>7}")
    for flag_id, counts in report.flags.items():
        p, r, f = counts.prf()
        print(f"  {flag_id:14}{p:7.2f}{r:7.2f}{f:7.2f}  (tp {counts.tp}, fp {counts.fp}, "
              f"fn {counts.fn})")
    print(f"flag micro-F1      {report.micro_f1():.3f}")
    if report.track == "senior":
        dominance = [report.flags[f].prf()[1] for f in DOMINANCE if f in report.flags]
        if dominance:
            print(f"lowest dominance-flag recall {min(dominance):.2f}")
    if show_misses and report.misses:
        print("disagreements:")
        print("\n".join(report.misses))
    print()


def summary(shared: Path, library: Path) -> None:
    """One line per data set and half: band accuracy / flag micro-F1 / lowest dominance recall."""
    print("== summary (band accuracy / flag micro-F1 / lowest senior dominance recall)")
    core, _ = measure(shared, library)
    lines: list[tuple[str, str | None, dict[str, TrackReport]]] = [("core", None, core)]
    for half in (None, *HALVES):
        lines.append(("team", half, measure_team(library, half=half)))
    for half in (None, *HALVES):
        lines.append(("more", half, measure_more(shared, library, half)))
    for name, half, reports in lines:
        cells = []
        for track, report in reports.items():
            cell = f"{track} {report.accuracy:.3f} / {report.micro_f1():.3f}"
            if track == "senior":
                cell += f" / {min(report.flags[f].prf()[1] for f in DOMINANCE):.2f}"
            cells.append(cell)
        print(f"  {name:5}{half or 'all':6}n={sum(r.n for r in reports.values()):<5}"
              + "   ".join(cells))
    print()


def blind(paths: Sequence[Path], library: Path) -> None:
    """Counts only, per file and track: nothing that shows a reply."""
    compiled = compile_standard(library)
    for path in paths:
        with path.open(encoding="utf-8") as lines:
            rows = [json.loads(line) for line in lines if line.strip()]
        for track in RUBRIC_BY_TRACK:
            chosen = [row for row in rows if row["track"] == track]
            if not chosen:
                continue
            report = evaluate(track, chosen, compiled[track])
            recall = ", ".join(
                f"{flag_id} {counts.tp}/{counts.tp + counts.fn} (fp {counts.fp})"
                for flag_id, counts in report.flags.items() if counts.tp + counts.fn
            )
            print(f"== {path.name} {track}: {report.n} replies, band accuracy "
                  f"{report.accuracy:.3f}, flag micro-F1 {report.micro_f1():.3f}")
            print(f"  recall: {recall}")
            confusion = ", ".join(
                f"{want}->{got} {report.confusion[(want, got)]}"
                for want in BANDS for got in BANDS if want != got and report.confusion[(want, got)]
            )
            print(f"  band errors (label->rubric): {confusion or 'none'}")
            rated = [(score, row["open"]) for score, row in zip(report.scores, chosen,
                                                                 strict=True) if "open" in row]
            if len(rated) > 2:
                print(f"  spearman(score, open) {spearman(*zip(*rated, strict=True)):.3f}"
                      f" over {len(rated)}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    parser.add_argument("--library", type=Path, default=shipped_library())
    parser.add_argument("--misses", action="store_true", help="list every disagreement")
    parser.add_argument("--half", choices=HALVES,
                        help="list disagreements of this half only (with --misses)")
    parser.add_argument("--politeness", action="store_true",
                        help="list the politeness requests flagged and missed")
    parser.add_argument("--blind", type=Path, nargs="+", metavar="FILE",
                        help="counts only for these labelled files; no text is printed")
    args = parser.parse_args(argv)
    if args.blind:
        blind(args.blind, args.library)
        return 0
    if not (args.shared / "calibration").is_dir():
        print(f"no calibration data under {args.shared}", file=sys.stderr)
        return 2
    reports, (n, rho) = measure(args.shared, args.library)
    for report in reports.values():
        print_report(report, args.misses)
    for source, measure_set in (
        ("team-", lambda h: measure_team(args.library, half=h)),
        ("more/ ", lambda h: measure_more(args.shared, args.library, half=h)),
    ):
        for report in measure_set(None).values():
            print_report(report, args.misses and args.half is None, source=source)
        for half in HALVES:
            for report in measure_set(half).values():
                print_report(report, args.misses and args.half == half,
                             source=f"{source}{half}-half ")
    summary(args.shared, args.library)
    rated, rated_rho = open_rho(args.library)
    print(f"== team-labelled replies with a writer's `open` rating: {rated}, spearman(score, "
          f"open) {rated_rho:.3f}")
    for track, (count, band, f1, ours, ours_f1) in agreement(args.library).items():
        print(f"== {track}: a second labeller on {count} labelled replies agrees on the band "
              f"{band:.3f}, flag micro-F1 {f1:.3f}; the rubric {ours:.3f} / {ours_f1:.3f}")
    polite = measure_politeness(args.library)
    print(f"== politeness: {polite.n} real requests; contempt or blame on "
          f"{polite.rude_flagged:.1%} of the rudest tenth ({polite.rude_n}) and "
          f"{polite.polite_flagged:.1%} of the politest quarter ({polite.polite_n})")
    if args.politeness:
        print("flagged in the politest quarter:")
        print("\n".join(polite.polite_examples))
    print(f"== external: {n} real replies, spearman(senior-openness score, receptiveness) "
          f"{rho:.3f}  (baselines: VADER 0.15, acknowledgement count 0.23)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
