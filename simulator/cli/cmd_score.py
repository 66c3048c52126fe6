"""`upward score --rubric ID [TEXT] [--context TEXT] [--jsonl]`: score replies against a rubric.

With TEXT (or the whole of standard input when TEXT is left out) it prints the band, the score,
each criterion met (with the words that met it) or missed (with what to try), and each flag with
its tip. With `--jsonl` it reads `{"text": ..., "context": ...}` lines on standard input and
writes one result line each; a bad line gets an `{"error": "line N: ..."}` line and the run goes
on, exiting 1 at the end.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from typing import IO, TYPE_CHECKING, Any, Final

import orjson

from simulator.cli.common import (
    EXIT_OK,
    EXIT_PROBLEMS,
    UsageError,
    open_library,
    rubric_by_id,
)
from simulator.cli.progress import Progress
from simulator.safety import bounds
from simulator.safety.text import terminal_text
from simulator.scoring import CompiledRubric, ReplyError, ScoreResult

if TYPE_CHECKING:  # the report of one reply needs the engine's feedback; --jsonl never does
    from simulator.engine.feedback import Item

MAX_LINE_BYTES = 1 << 20
"""A JSON line longer than this cannot hold a reply under the limit, even fully escaped."""



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
        if sys.stdin is None:
            return score_lines(compiled, [], sys.stdout)
        with Progress(counted=False) as progress:
            progress.phase("Scoring replies", _input_size(sys.stdin.buffer))
            return score_lines(compiled, _counted(sys.stdin.buffer, progress), sys.stdout)
    text = args.text if args.text is not None else _read_stdin()
    if args.text is None and not text:
        raise UsageError("no reply to score: standard input was empty; give the reply as "
                         "TEXT, pipe it on standard input, or use --jsonl for JSON lines")
    try:
        result = compiled.score(text, context=args.context)
    except ReplyError as exc:
        print(f"upward score: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    print(terminal_text(render(result, compiled.rubric.id)))  # it quotes the reply
    return EXIT_OK


def _compiled_rubric(args: argparse.Namespace) -> CompiledRubric | None:
    # Only the rubrics: a reply beside a library of thousands of scenarios reads none of them.
    loaded = rubric_by_id(open_library(args, rubrics_only=True), args.rubric)
    return None if loaded is None else CompiledRubric.compile(loaded.model)


def _input_size(stream: IO[bytes]) -> int | None:
    """The bytes left to read when the input is a file, else None (a pipe: no known end)."""
    try:
        info = os.fstat(stream.fileno())
        return info.st_size - stream.tell() if stat.S_ISREG(info.st_mode) else None
    except (OSError, ValueError, io.UnsupportedOperation):
        return None


def _counted(lines: Iterable[bytes], progress: Progress) -> Iterator[bytes]:
    """The lines, moving the bar by their bytes; off a terminal the lines, untouched."""
    if not progress.enabled:
        yield from lines
        return
    for line in lines:
        progress.advance(len(line))
        yield line


def _read_stdin() -> str:
    if sys.stdin is None:  # closed (`<&-`): no reply, as with an empty input
        return ""
    if sys.stdin.isatty():
        print("Type the reply, then Ctrl-D on a new line:", file=sys.stderr)
    return sys.stdin.buffer.read().decode("utf-8", errors="replace")


def _words(words: tuple[str, ...]) -> str:
    # Undecodable bytes from argv arrive as lone surrogates, which no terminal can print.
    shown = ", ".join(f'"{w}"' for w in words).encode("utf-8", "replace").decode("utf-8")
    return f": {shown}" if shown else ""


def _shown(item: Item) -> str:
    """The words that did it, or for a whole-reply criterion its note in words."""
    if not item.words and item.note:
        return f" ({item.note})"
    return _words(item.words)


def render(result: ScoreResult, rubric_id: str) -> str:
    """The human-readable report of one scored reply: the engine's `Feedback`, every missed
    criterion listed (a trainer checking a rubric wants them all)."""
    from simulator.engine.feedback import feedback_of, points

    feedback = feedback_of(result, work_on=None)
    lines = [f"{feedback.band.value} {feedback.points} (rubric {rubric_id})"]
    for item in feedback.met:
        label = item.label + (" (this turn)" if item.focus else "")
        lines.append(f"  met     {label}{_shown(item)}")
    for item in feedback.work_on:
        label = item.label + (" (this turn)" if item.focus else "")
        tip = f": {item.tip}" if item.tip else ""
        lines.append(f"  missed  {label}{tip}")
    for item in feedback.flags:
        lines.append(f"  flag    {item.label} (-{points(item.penalty)}){_shown(item)}")
        lines.append(f"          Tip: {item.tip}")
    return "\n".join(lines)


_LONG_DIGITS: Final = re.compile(rb"[0-9]{%d}" % (bounds.MAX_INT_DIGITS + 1))


def _quick_row(raw: bytes) -> Any:
    """The line parsed by orjson when it certainly is within `bounds.loads`'s limits (fewer
    brackets than the nesting limit, no run of digits as long as the longest integer allowed),
    else None; then, and for anything orjson refuses (lone surrogates, NaN, a byte-order mark,
    bad JSON), the careful path decides and words the error exactly as before."""
    if len(raw) > MAX_LINE_BYTES or raw.count(b"[") + raw.count(b"{") > bounds.MAX_JSON_DEPTH \
            or _LONG_DIGITS.search(raw) is not None:
        return None
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError:
        return None


def _parse(raw: bytes) -> tuple[str, str | None]:
    """The text and context of one JSON line, or ValueError saying what is wrong with it."""
    row = _quick_row(raw)
    if row is None:
        row = _careful_row(raw)
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


def _careful_row(raw: bytes) -> Any:
    if len(raw) > MAX_LINE_BYTES:
        raise ValueError(f"line is over {MAX_LINE_BYTES:,} bytes")
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ValueError("not UTF-8 text") from None
    if not line.strip():
        raise ValueError('blank line; expected {"text": ...}')
    try:
        row: Any = bounds.loads(line)  # nesting and integers bounded: a message, never a crash
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON ({exc.msg} at column {exc.colno})") from None
    return row


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
        # orjson writes the same compact JSON as `json.dumps` here (ASCII ids, lists of
        # integers, scores rounded to 4 places, which both print shortest-first).
        write(orjson.dumps(result.to_json()).decode() + "\n")
    out.flush()
    return EXIT_PROBLEMS if failed else EXIT_OK
