"""The scorer's fast paths give exactly what the plain ones give (tests/scoring_reference.py).

Every labelled reply in ../shared/calibration (core and more/) and bench/team-labelled, a few
thousand replies from bench/scoring.py's generator and those same replies bent out of shape
(curly quotes, ligatures, accents, money, times, capitals, dashes, doubled spaces) are scored
against both standard rubrics the fast way and the plain way; the results must be equal whole:
score, band, every criterion met or missed with its evidence spans and note, every flag.
`upward score --jsonl`'s quick JSON path must read and write the same lines as the careful one.
"""

from __future__ import annotations

import json
import random
import sys
import unicodedata
from collections.abc import Iterator
from functools import cache

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.cli.cmd_score import _careful_row, _quick_row
from simulator.loading import load_files
from simulator.scoring import CompiledRubric, ReplyError, ScoreResult
from simulator.scoring import stream as stream_module
from simulator.scoring.normalise import normalise
from simulator.scoring.text import Reply
from tests import scoring_reference
from tests.helpers import REPO

SHARED = REPO.parent / "shared" / "calibration"

_BENDS = (
    ("'", "’"), ('"', "“"), (" - ", " — "), ("fi", "ﬁ"), ("e", "é"), ("I ", "I  "),
    (". ", ".\n"), (", ", "; "), ("Monday", "10:30 on Monday"), ("the", "£40k of the"),
    ("people", "40% of people"), ("you", "YOU"), ("?", "?!"), ("it", "'it'"), ("I'm", "Im"),
    ("don't", "do not"), ("the", "Dr. Smith and the"), ("week", "week e.g. Tuesday"),
    ("a", "ａ"), ("e", "e\u0301"), ("s", "ß"),
)


def _generated(count: int, seed: int) -> list[tuple[str, str | None]]:
    sys.path.insert(0, str(REPO / "bench"))
    try:
        import scoring as bench
    finally:
        sys.path.remove(str(REPO / "bench"))
    return [(row["text"], row["context"]) for row in bench.replies(count, seed)]


def _labelled() -> list[tuple[str, str | None]]:
    files = sorted(SHARED.rglob("*.jsonl")) + sorted((REPO / "bench" / "team-labelled").glob(
        "*.jsonl"))
    rows = []
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                rows.append((row["text"], row.get("context")))
    return rows


def _bent(rows: list[tuple[str, str | None]], seed: int) -> Iterator[tuple[str, str | None]]:
    rng = random.Random(seed)
    for text, context in rows:
        for old, new in rng.sample(_BENDS, 3):
            text = text.replace(old, new, rng.randint(1, 3))
        yield text, context
        yield text.upper(), None


@cache
def _corpus() -> list[tuple[str, str | None]]:
    rows = _labelled() + _generated(2_000, 11)
    rows += list(_bent(rows[: 1_000], 5))
    return rows + [(t, None) for t in (
        "Yes.", "Fair point.", "Seriously?", "don't", "'Forget it.' she said. I won't.",
        "It costs $5 or £10,000,000 or €3.5m, 20 per cent, at 3pm or 10:30am on the 1st of May.",
        "I'm not sure but I'll fix it on Monday.", "café naïve Straße ǅ e\u0301",
        "a" * 4_999, "I " * 2_000, "\ud800 a lone surrogate", "   ", "?!",
    )]


def _score(compiled: CompiledRubric, rows: list[tuple[str, str | None]]) -> list[object]:
    out: list[object] = []
    for text, context in rows:
        try:
            out.append(compiled.score(text, context=context))
        except ReplyError as exc:
            out.append(str(exc))
    return out


def _first_difference(fast: list[object], plain: list[object],
                      rows: list[tuple[str, str | None]]) -> str:
    for (text, _), a, b in zip(rows, fast, plain, strict=True):
        if a != b:
            return f"{text!r}:\n fast  {a!r}\n plain {b!r}"
    return ""


@pytest.fixture(scope="module")
def rubrics() -> list[CompiledRubric]:
    library = load_files(sorted((REPO / "rubrics").glob("*.yaml")))
    return [CompiledRubric.compile(library.rubrics[rid].model) for rid in sorted(library.rubrics)]


def test_the_corpus_covers_what_the_fast_paths_skip() -> None:
    rows = _corpus()
    if SHARED.is_dir():
        assert len(rows) > 4_500
    texts = [text for text, _ in rows]
    assert sum(not t.isascii() for t in texts) > 500  # the one-for-one Unicode path
    assert sum(normalise(t, fold=True).starts is not None for t in texts) > 50  # and the other
    assert sum("'" in t for t in texts) > 1_000  # apostrophes inside words
    assert sum(stream_module._may_count(t) for t in texts) > 500


_RUBRIC_IDS = sorted(path.stem for path in (REPO / "rubrics").glob("*.yaml"))


# One test per rubric, so parallel workers share the longest check in the suite.
@pytest.mark.parametrize("rubric_id", _RUBRIC_IDS)
def test_fast_and_plain_paths_score_every_reply_alike(
    rubrics: list[CompiledRubric], rubric_id: str
) -> None:
    rows = _corpus()
    (compiled,) = [c for c in rubrics if c.rubric.id == rubric_id]
    fast = _score(compiled, rows)
    with scoring_reference.reference_paths():
        plain = _score(compiled, rows)
    assert fast == plain, _first_difference(fast, plain, rows)
    assert sum(isinstance(r, ScoreResult) and bool(r.flags) for r in fast) > 100


_TEXT = st.text(
    st.sampled_from([*"ab1_ .,:;?!'‘’‚′\"“”£$%-—éÉßİ\n", "\u0301", "ﬁ", "Ⅰ", "²", "ａ"]),
    max_size=24,
)


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_normalising_and_reading_agree_with_the_plain_paths(value: str) -> None:
    for fold in (True, False):
        fast, plain = normalise(value, fold=fold), scoring_reference.normalise(value, fold=fold)
        assert fast.value == plain.value
        assert [fast.original(i, i + 1) for i in range(len(fast.value))] == \
            [plain.original(i, i + 1) for i in range(len(plain.value))]
    reply = Reply(value)
    with scoring_reference.reference_paths():
        reference = Reply(value)
    for name in ("norms", "keys", "starts", "ends", "sentence_of", "clause_of", "gaps",
                 "sentences", "words"):
        assert getattr(reply, name) == getattr(reference, name), name
    if reply.keys:
        built = stream_module.build_stream(reply)
        marks = [stream_module.SENTENCE] + [
            stream_module.SENTENCE if reply.sentence_of[k] != reply.sentence_of[k - 1]
            else stream_module.CLAUSE if reply.clause_of[k] != reply.clause_of[k - 1] else " "
            for k in range(1, len(reply.keys))
        ]
        pieces = [m + k + stream_module.END for m, k in zip(marks, reply.keys, strict=True)]
        spliced = stream_module._with_symbols(reply, pieces)
        assert (built.value, built.symbols) == (spliced.value, spliced.symbols)


def test_every_one_for_one_character_normalises_as_the_plain_path_does() -> None:
    from simulator.scoring.normalise import _FOLDED, _PLAIN

    for table, fold in ((_FOLDED, True), (_PLAIN, False)):
        for ch in table:
            for value in (ch, f"a{ch}B", f"{ch}{ch} x"):
                assert normalise(value, fold=fold).value == \
                    scoring_reference.normalise(value, fold=fold).value
                assert unicodedata.combining(ch) == 0


def test_quick_json_lines_read_and_write_as_the_careful_ones(
    rubrics: list[CompiledRubric],
) -> None:
    lines = [json.dumps({"text": t, "context": c}).encode() for t, c in _corpus()[:3_000]]
    lines += [b'{"text": "a", "text": "b"}', b'{"text": "x", "n": 1.5e300}', b'  {"text":"y"} ',
              b'{"text": "x", "n": 123456789012345678}', b'{"text": "\\u00e9\\n"}']
    for raw in lines:
        quick = _quick_row(raw)
        assert quick is not None
        assert quick == _careful_row(raw)
    for raw in (b'{"text": "x", "n": 1234567890123456789}', b"[" * 65 + b"]" * 65,
                b'{"text": "\\ud800"}', b'{"text": NaN}', b"\xef\xbb\xbf{}", b"", b"nope"):
        assert _quick_row(raw) is None  # left to the careful path, which words the error
    results = [r for r in _score(rubrics[0], _corpus()[:2_000]) if isinstance(r, ScoreResult)]
    for result in results:
        line = result.to_json()
        assert orjson.dumps(line).decode() == json.dumps(line, separators=(",", ":"))
