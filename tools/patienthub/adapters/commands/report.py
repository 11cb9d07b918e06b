"""`patienthub report KIND`: overviews of the whole site (readability, …). Exit 0 unless it cannot run."""

from __future__ import annotations

import argparse
import sys

from patienthub.adapters.commands.common import (
    add_config_option,
    add_paths_argument,
    add_today_option,
    load_selection,
    project_from,
)
from patienthub.engine.runner import run
from patienthub.reports import readability

REPORTS = {"readability": readability.FORMATS}


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "report",
        help="overzicht van alle pagina's",
        description="Maakt een overzicht van alle pagina's, bijvoorbeeld van de leesbaarheid.",
    )
    parser.add_argument(
        "kind", choices=sorted(REPORTS), metavar="SOORT", help=f"soort overzicht: {', '.join(REPORTS)}"
    )
    add_paths_argument(parser)
    parser.add_argument(
        "--format",
        choices=("text", "markdown"),
        default="text",
        help="text (standaard) of markdown (voor een pull request of $GITHUB_STEP_SUMMARY)",
    )
    parser.add_argument("--worst", type=int, metavar="N", help="aantal moeilijkste zinnen per pagina")
    add_today_option(parser)
    add_config_option(parser)
    parser.set_defaults(run=execute)


def execute(args: argparse.Namespace) -> int:
    project = project_from(args)
    site, selected = load_selection(args, project)
    result = run(site, selected)
    worst = args.worst if args.worst is not None else project.config.readability.worst_sentences
    sys.stdout.write(REPORTS[args.kind][args.format](result, worst))
    return 0
