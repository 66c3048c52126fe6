"""`upward graph ID [--format mermaid|dot]`: a scenario's beats and branches as a diagram."""

from __future__ import annotations

import argparse

from simulator.cli.cmd_play import resolve_scenario
from simulator.cli.common import EXIT_OK, open_library
from simulator.engine.graph import FORMATS


def add_parser(sub: argparse._SubParsersAction, parents: list[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "graph",
        parents=parents,
        help="print a scenario's beats and branches as a Mermaid or Graphviz diagram",
        description="Print the scenario's beats, endings and branches, each branch labelled "
        "with its condition. Mermaid (the default) renders on GitHub inside a ```mermaid "
        "block; dot renders with Graphviz: `upward graph ID --format dot | dot -Tsvg`.",
    )
    parser.add_argument("scenario", metavar="ID", help="the scenario's id")
    parser.add_argument(
        "--format", choices=sorted(FORMATS), default="mermaid",
        help="mermaid (flowchart) or dot (default: mermaid)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    loaded = resolve_scenario(open_library(args), args.scenario)
    print(FORMATS[args.format](loaded.model), end="")
    return EXIT_OK
