"""`upward score --rubric ID [TEXT] [--context TEXT] [--jsonl]`: score replies against a rubric.

With TEXT (or the whole of standard input when TEXT is left out) it prints the band, the score,
each criterion met (with the words that met it) or missed (with what to try), and each flag with
its tip. With `--jsonl` it reads `{"text": ..., "context": ...}` lines on standard input and
writes one result line each; a bad line gets an `{"error": "line N: ..."}` line and the run goes
on, exiting 1 at the end.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from typing import IO, Any

from simulator.cli.common import EXIT_OK, EXIT_PROBLEMS, UsageError, open_library, print_problems
from simulator.loading.problems import did_you_mean
from simulator.scoring import CompiledRubric, ReplyError, ScoreResult

MAX_LINE_BYTES = 1 << 20
"""A JSON line longer than this cannot hold a reply under the limit, even fully escaped."""

QUOTE_CHARS = 60
"""Evidence longer than this is shortened in the human-readable output."""


def add_parser(sub: argparse._SubParsersAction, parents: list[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "score",
        parents=parents,
        help="score a reply (or JSON lines of replies) against a rubric",
        description="Score a reply against a rubric: band, score, the criteria met and missed "
        "and the flags raised, each with the words that triggered it. Without TEXT, the reply "
        "is read from standard input.",
        epilog='With --jsonl, every input line gets exactly one output line, in order. A line '
        'that cannot be scored (not JSON, not UTF-8, blank, no "text", "text" not a string, '
        'an empty reply or one over 5,000 characters, a line over 1 MiB) gets '
        '{"error": "line N: ..."} instead of a result, and the run goes on to the next line; '
        "the exit status is 1 if any line had an error, else 0. Nothing is written to "
        "standard error for a bad line. Exit 2 for a usage error (an unknown rubric, TEXT "
        "together with --jsonl).",
    )
    parser.add_argument("--rubric", required=True, metavar="ID", help="the rubric's id")
    parser.add_argument("text", nargs="?", metavar="TEXT", help="the reply to score")
    parser.add_argument(
        "--context", metavar="TEXT", help="what the counterpart just said (optional)"
    )
    parser.add_argument(
        "--jsonl", action="store_true",
        help='read {"text": ..., "context": ...} lines on standard input; write one JSON '
        "result line each",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.jsonl and args.text is not None:
        raise UsageError("give TEXT or --jsonl, not both")
    if args.jsonl and args.context is not None:
        raise UsageError('with --jsonl, give "context" on each line instead of --context')
    compiled = _compiled_rubric(args)
    if compiled is None:
        return EXIT_PROBLEMS
    if args.jsonl:
        # A closed standard input (`<&-`) is no input at all, as an empty one is.
        lines = sys.stdin.buffer if sys.stdin is not None else []
        return score_lines(compiled, lines, sys.stdout)
    text = args.text if args.text is not None else _read_stdin()
    if args.text is None and not text:
        raise UsageError("no reply to score: standard input was empty; give the reply as "
                         "TEXT, pipe it on standard input, or use --jsonl for JSON lines")
    try:
        result = compiled.score(text, context=args.context)
    except ReplyError as exc:
        print(f"upward score: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    print(render(result, compiled.rubric.id))
    return EXIT_OK


def _compiled_rubric(args: argparse.Namespace) -> CompiledRubric | None:
    library = open_library(args)
    loaded = library.rubrics.get(args.rubric)
    if loaded is not None:
        return CompiledRubric.compile(loaded.model)
    broken = [p for p in library.errors if p.path.stem == args.rubric]
    if broken:
        # The file is there but does not load: its problems say more than "unknown id".
        print_problems(broken, sys.stderr)
        return None
    known = ", ".join(sorted(library.rubrics)) or "none"
    hint = did_you_mean(args.rubric, library.rubrics)
    raise UsageError(f"no rubric with id '{args.rubric}'{hint} (known: {known})")


def _read_stdin() -> str:
    if sys.stdin is None:  # closed (`<&-`): no reply, as with an empty input
        return ""
    if sys.stdin.isatty():
        print("Type the reply, then Ctrl-D on a new line:", file=sys.stderr)
    return sys.stdin.buffer.read().decode("utf-8", errors="replace")


def _quote(text: str) -> str:
    # Undecodable bytes from argv arrive as lone surrogates, which no terminal can print.
    words = " ".join(text.encode("utf-8", "replace").decode("utf-8").split())
    if len(words) > QUOTE_CHARS:
        words = words[: QUOTE_CHARS - 1].rstrip() + "…"
    return f'"{words}"'


def _evidence(text: str, spans: Iterable[tuple[int, int]]) -> str:
    quotes = ", ".join(_quote(text[start:end]) for start, end in spans)
    return f": {quotes}" if quotes else ""


def render(result: ScoreResult, rubric_id: str) -> str:
    """The human-readable report of one scored reply."""
    text = result.text
    lines = [f"{result.band.value} {result.score:.2f} (rubric {rubric_id})"]
    for criterion in result.criteria:
        label = criterion.label + (" (this turn)" if criterion.focus else "")
        if criterion.met:
            # A whole-reply criterion (a length, no question back) says what met it in words.
            shown = f" ({criterion.note})" if criterion.note and not criterion.evidence \
                else _evidence(text, criterion.evidence)
            lines.append(f"  met     {label}{shown}")
        else:
            tip = f": {criterion.feedback}" if criterion.feedback else ""
            lines.append(f"  missed  {label}{tip}")
    for flag in result.flags:
        shown = f" ({flag.note})" if flag.note and not flag.evidence \
            else _evidence(text, flag.evidence)
        lines.append(f"  flag    {flag.label} (-{flag.penalty:g}){shown}")
        lines.append(f"          Tip: {flag.tip}")
    return "\n".join(lines)


def _parse(raw: bytes) -> tuple[str, str | None]:
    """The text and context of one JSON line, or ValueError saying what is wrong with it."""
    if len(raw) > MAX_LINE_BYTES:
        raise ValueError(f"line is over {MAX_LINE_BYTES:,} bytes")
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ValueError("not UTF-8 text") from None
    if not line.strip():
        raise ValueError('blank line; expected {"text": ...}')
    try:
        row: Any = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(row, dict):
        raise ValueError('expected a JSON object such as {"text": "..."}')
    if "text" not in row:
        raise ValueError('missing "text"')
    text, context = row["text"], row.get("context")
    if not isinstance(text, str):
        raise ValueError('"text" must be a string')
    if context is not None and not isinstance(context, str):
        raise ValueError('"context" must be a string or null')
    return text, context


def score_lines(compiled: CompiledRubric, lines: Iterable[bytes], out: IO[str]) -> int:
    """Score JSON lines as they arrive; one output line per input line, errors included."""
    failed = False
    write = out.write
    for number, raw in enumerate(lines, start=1):
        try:
            text, context = _parse(raw)
            result = compiled.score(text, context=context)
        except ValueError as exc:  # a bad line, or a ReplyError (a ValueError too)
            failed = True
            write(json.dumps({"error": f"line {number}: {exc}"}, ensure_ascii=False) + "\n")
            continue
        write(json.dumps(result.to_json(), separators=(",", ":")) + "\n")
    out.flush()
    return EXIT_PROBLEMS if failed else EXIT_OK
