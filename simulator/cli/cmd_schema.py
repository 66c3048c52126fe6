"""`upward schema`: write the JSON Schemas that give trainers validation in their editor."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from simulator.cli.common import EXIT_OK, EXIT_PROBLEMS, UsageError
from simulator.model import LexiconFile, Rubric, Scenario
from simulator.safety.files import write_new

SCHEMAS: dict[str, type[Scenario] | type[Rubric] | type[LexiconFile]] = {
    "scenario.schema.json": Scenario,
    "rubric.schema.json": Rubric,
    "lexicon.schema.json": LexiconFile,
}


def render(model: type[Scenario] | type[Rubric] | type[LexiconFile]) -> str:
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
        help="write the JSON Schemas of the file formats into schemas/",
        description="Write scenario.schema.json, rubric.schema.json and lexicon.schema.json, "
        "generated from the models, for editors that validate YAML (yaml-language-server).",
    )
    parser.add_argument(
        "--out", type=Path, default=Path("schemas"), metavar="DIR",
        help="the folder to write into (default: ./schemas)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.out.exists() and not args.out.is_dir():
        raise UsageError(f"--out {args.out}: is a file, not a folder; give the folder to write "
                         "the schemas into")
    try:
        args.out.mkdir(parents=True, exist_ok=True)
        for name, model in SCHEMAS.items():
            target = args.out / name
            # Regenerating replaces the old schema, but never through a link or into a device.
            write_new(target, render(model).encode("utf-8"), force=True, mode=0o644)
            print(f"wrote {target}")
    except OSError as exc:
        print(f"upward schema: {exc.filename or args.out}: cannot write "
              f"({exc.strerror or exc}); choose a folder you can write to", file=sys.stderr)
        return EXIT_PROBLEMS
    return EXIT_OK
