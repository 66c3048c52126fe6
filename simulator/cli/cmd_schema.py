"""`upward schema`: write the JSON Schemas that give trainers validation in their editor."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from simulator.cli.common import EXIT_OK
from simulator.model import Rubric, Scenario

SCHEMAS = {"scenario.schema.json": Scenario, "rubric.schema.json": Rubric}


def render(model: type[Scenario] | type[Rubric]) -> str:
    schema = model.model_json_schema(by_alias=True)
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **schema,
    }
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def add_parser(sub: argparse._SubParsersAction, parents: list[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "schema",
        parents=parents,
        help="write the JSON Schemas of both formats into schemas/",
        description="Write scenario.schema.json and rubric.schema.json, generated from the "
        "models, for editors that validate YAML (yaml-language-server).",
    )
    parser.add_argument(
        "--out", type=Path, default=Path("schemas"), metavar="DIR",
        help="the folder to write into (default: ./schemas)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    args.out.mkdir(parents=True, exist_ok=True)
    for name, model in SCHEMAS.items():
        target = args.out / name
        target.write_text(render(model), encoding="utf-8")
        print(f"wrote {target}")
    return EXIT_OK
