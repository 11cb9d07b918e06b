"""`patienthub terms`: print the termbase, for people (text) or for partners' tools (json).

The JSON is a list of {"preferred", "avoid", "explanation", "codes"}, the same as api/v1/terms.json on the
site. A termbase with errors is not exported: the errors go to stderr and the exit code is 1."""

from __future__ import annotations

import argparse
import json
import sys

from patienthub.adapters.commands.common import add_config_option, project_from
from patienthub.core.findings import Severity
from patienthub.domain import termbase as termbase_module
from patienthub.reports.formats import text_line

FORMATS = ("text", "json")


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "terms",
        help="toon de termenlijst",
        description="Toont de termenlijst: voorkeursterm, woorden om te vermijden, uitleg en codes.",
    )
    parser.add_argument("--format", choices=FORMATS, default="text", help="uitvoer (standaard: text)")
    add_config_option(parser)
    parser.set_defaults(run=execute)


def execute(args: argparse.Namespace) -> int:
    project = project_from(args)
    termbase = termbase_module.load(project.data_dir, project.root, project.config.terminology.termbase)
    errors = [f for f in termbase.findings if f.severity is Severity.ERROR]
    if errors:
        for problem in errors:
            print(f"patienthub: {text_line(problem)}", file=sys.stderr)
        return 1
    if args.format == "json":
        sys.stdout.write(json.dumps(termbase.export(), ensure_ascii=False, indent=2) + "\n")
        return 0
    for term in termbase.terms:
        avoid = f" (niet: {', '.join(term.avoid_texts)})" if term.avoid_texts else ""
        print(f"{term.preferred}{avoid}\n    {term.explanation}")
    if not termbase.terms:
        print(f"patienthub: geen termenlijst gevonden ({termbase.path or 'terms.yml'})", file=sys.stderr)
    return 0
