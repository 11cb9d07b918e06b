"""`patienthub links`: the link checks only; with --external also every link to another site, over the network.

Exit codes as `check`: 0 no errors, 1 errors, 2 usage/config/IO failure. The nightly workflow runs
`patienthub links --external`; `check`, the build and `make test` never go on the network.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys

from patienthub.adapters.commands.common import (
    add_config_option,
    add_paths_argument,
    add_today_option,
    load_selection,
    project_from,
)
from patienthub.checks import links
from patienthub.engine import external
from patienthub.engine.runner import run
from patienthub.reports.formats import FORMATS


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "links",
        help="controleer links (met --external ook links naar andere sites)",
        description="Controleert links, koppen (#…) en plaatjes. Met --external ook of andere sites nog antwoorden "
        "(dat gaat over internet en duurt even).",
    )
    add_paths_argument(parser)
    parser.add_argument("--external", action="store_true", help="controleer ook links naar andere sites")
    parser.add_argument("--format", choices=sorted(FORMATS), default="text", help="uitvoer (standaard: text)")
    add_today_option(parser)
    add_config_option(parser)
    parser.set_defaults(run=execute)


def execute(args: argparse.Namespace) -> int:
    project = project_from(args)
    site, selected = load_selection(args, project)
    result = run(site, selected, checks=(links.CHECK,))
    if args.external:
        pages = [report.page for report in result.pages]
        found = external.collect(pages)
        config = site.config.links
        skipped = sorted({link.url for link in found if external.ignored(link.url, config)})
        for url in skipped:
            print(f"patienthub: niet gecontroleerd (links.external_ignore): {url}", file=sys.stderr)
        extra = list(external.check(found, config))
        result = dataclasses.replace(
            result, findings=tuple(sorted((*result.findings, *extra), key=lambda f: f.sort_key))
        )
    sys.stdout.write(FORMATS[args.format](result))
    return result.exit_code
