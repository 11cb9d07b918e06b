"""`patienthub report KIND`: overviews of the whole site (readability, …). Exit 0 unless it cannot run."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..engine import run
from ..loader import load_site
from ..reports import readability
from .check import select
from .common import add_config_option, add_today_option, project_from, today_from

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
    parser.add_argument(
        "paths", nargs="*", metavar="PAD", type=Path, help="bestanden of mappen (standaard: content/)"
    )
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
    targets, outside = select(args.paths, project)
    site = load_site(project, today_from(args), extra_files=outside)
    selected = None
    if targets is not None:
        wanted = {str(p) for p in targets}
        selected = {page.path for page in site.pages if str((project.root / page.path).resolve()) in wanted}
    result = run(site, selected)
    worst = args.worst if args.worst is not None else project.config.readability.worst_sentences
    sys.stdout.write(REPORTS[args.kind][args.format](result, worst))
    return 0
