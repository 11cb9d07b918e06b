"""`patienthub check`: run every check over pages and report findings (exit 0 clean, 1 errors, 2 failure)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from patienthub.adapters.commands.common import (
    add_config_option,
    add_jobs_option,
    add_paths_argument,
    add_today_option,
    config_file_from,
    load_selection,
    project_at,
)
from patienthub.checks import REGISTRY
from patienthub.core.errors import UsageError
from patienthub.core.progress import for_terminal
from patienthub.domain.model import Site
from patienthub.engine.changes import affected_pages
from patienthub.engine.runner import default_jobs, run
from patienthub.load import gitbase
from patienthub.load.cache import Cache
from patienthub.reports.formats import FORMATS


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "check",
        help="controleer pagina's",
        description="Controleert pagina's op volledigheid, actualiteit, leesbaarheid en meer.",
    )
    add_paths_argument(parser)
    parser.add_argument("--format", choices=sorted(FORMATS), default="text", help="uitvoer (standaard: text)")
    add_today_option(parser)
    add_config_option(parser)
    add_jobs_option(parser)
    parser.add_argument(
        "--changed",
        action="store_true",
        help="alleen pagina's die sinds --base zijn gewijzigd (en wat ervan afhangt); een wijziging in de "
        "instellingen of in de gegevens (termenlijst, registers, adressenlijst) controleert alles",
    )
    parser.add_argument(
        "--base",
        metavar="REF",
        help="git-commit of -tak om mee te vergelijken bij --changed (standaard: HEAD; nieuwe bestanden tellen mee)",
    )
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="gebruik en vul de cache niet (.patienthub-cache/): alles opnieuw controleren",
    )
    parser.set_defaults(run=execute)


def changed_pages(site: Site, config_file: Path, base: str, cache: Cache | None) -> set[str] | None:
    """Pages changed since `base` (working tree, untracked files included) plus what depends on them."""
    project = site.project
    top = gitbase.toplevel(project.root)
    under = project.root.resolve().relative_to(top).as_posix()
    prefix = "" if under == "." else f"{under}/"
    commit = gitbase.commit_of(top, base)
    changed = [name[len(prefix) :] for name in gitbase.changed_files(top, commit, prefix.rstrip("/"))]
    return affected_pages(site, changed, config_file, REGISTRY, cache)


def execute(args: argparse.Namespace) -> int:
    if args.base and not args.changed:
        raise UsageError("--base hoort bij --changed")
    if args.changed and args.paths:
        raise UsageError("geef pagina's op of gebruik --changed, niet allebei")
    config_file = config_file_from(args)
    project = project_at(config_file)
    cache = None if args.no_cache else Cache.for_project(project)
    site, selected = load_selection(args, project, cache)
    if args.changed:
        selected = changed_pages(site, config_file, args.base or "HEAD", cache)
    jobs = args.jobs or default_jobs()
    result = run(
        site, selected, progress=for_terminal(), cache=cache, include_flagged=args.changed, jobs=jobs
    )
    if cache is not None:
        cache.save()
    sys.stdout.write(FORMATS[args.format](result))
    return result.exit_code
