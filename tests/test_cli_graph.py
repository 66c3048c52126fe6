"""`upward graph`: Mermaid and dot text, checked against golden files and their grammar."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from simulator.cli.main import main
from simulator.engine.graph import to_mermaid
from simulator.model import Scenario
from tests.helpers import FIXTURES, run_upward

ENGINE = FIXTURES / "engine"
LIBRARY = ENGINE / "library"
EDGE = re.compile(r'^    (n\d+|entry) (-->|-\.->)(\|"[^"]*"\|)? n\d+$')
NODE = re.compile(r'^    (n\d+\["[^"]+"\]|n\d+\(\["[^"]+"\]\):::(success|partial|setback)'
                  r'|entry\(\("start"\)\))$')


def graph(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    assert main(["--library", str(LIBRARY), "graph", "fixture-dashboard", *args]) == 0
    return capsys.readouterr().out


def test_mermaid_matches_the_golden_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert graph(capsys) == (ENGINE / "fixture-dashboard.mmd").read_text()


def test_dot_matches_the_golden_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert graph(capsys, "--format", "dot") == (ENGINE / "fixture-dashboard.dot").read_text()


def test_every_mermaid_line_is_flowchart_syntax(capsys: pytest.CaptureFixture[str]) -> None:
    header, *body = graph(capsys).splitlines()
    assert header == "flowchart TD"
    for line in body:
        assert EDGE.match(line) or NODE.match(line) or line.startswith("    classDef "), line


def test_edges_carry_the_conditions_in_words(capsys: pytest.CaptureFixture[str]) -> None:
    text = graph(capsys)
    for label in ["flags: blame (trust -1)", "band: strong (trust +1)", "else",
                  "band: strong, adequate and trust at least 1", "band: strong or met: owns",
                  "score below 0.3", "no flags", "after reply 4"]:
        assert f'|"{label}"|' in text


def test_a_beat_named_like_a_mermaid_keyword_is_safe() -> None:
    scenario = Scenario.model_validate({
        "id": "q", "title": "Q", "track": "junior", "rubric": "r", "difficulty": 1,
        "summary": "s", "briefing": "b", "counterpart": {"name": "A", "role": "B"},
        # `end` closes a subgraph in Mermaid: the generated node ids keep it out of the syntax.
        "start": "end",
        "beats": {"end": {"say": "x", "next": [{"to": "done"}]}},
        "endings": {"done": {"say": "y", "outcome": "success", "debrief": "z"}},
    })
    text = to_mermaid(scenario)
    assert 'n0["end"]' in text and "n0 -->|\"else\"| n1" in text


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
def test_graphviz_accepts_the_dot(capsys: pytest.CaptureFixture[str]) -> None:
    result = subprocess.run(
        ["dot", "-Tsvg"], input=graph(capsys, "--format", "dot"), capture_output=True,
        text=True, check=False,
    )
    assert result.returncode == 0, result.stderr


def test_an_unknown_scenario_is_a_usage_error() -> None:
    result = run_upward("--library", str(LIBRARY), "graph", "fixture-dashbord")
    assert result.returncode == 2
    assert "did you mean 'fixture-dashboard'?" in result.stderr


def test_an_unknown_format_is_a_usage_error() -> None:
    result = run_upward("--library", str(LIBRARY), "graph", "fixture-dashboard",
                        "--format", "svg")
    assert result.returncode == 2
    assert "invalid choice: 'svg'" in result.stderr
