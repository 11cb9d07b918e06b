"""`patienthub check`: run every check over pages and report findings (exit 0 clean, 1 errors, 2 failure)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..config import Project
from ..engine import run
from ..errors import UsageError
from ..formats import FORMATS
from ..loader import MARKDOWN_SUFFIXES, discover, load_site
from .common import add_config_option, add_today_option, project_from, today_from


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "check",
        help="controleer pagina's",
        description="Controleert pagina's op volledigheid, actualiteit, leesbaarheid en meer.",
    )
    parser.add_argument(
        "paths", nargs="*", metavar="PAD", type=Path, help="bestanden of mappen (standaard: content/)"
    )
    parser.add_argument("--format", choices=sorted(FORMATS), default="text", help="uitvoer (standaard: text)")
    add_today_option(parser)
    add_config_option(parser)
    parser.set_defaults(run=execute)


def select(paths: list[Path], project: Project) -> tuple[set[Path] | None, list[Path]]:
    """Resolve PATH arguments to page files; returns (targets or None for all, files outside docs_dir).

    Inside docs_dir a folder means the pages MkDocs publishes from it; a file that MkDocs would not publish
    (exclude_docs) is named on stderr instead of being dropped silently."""
    if not paths:
        return None, []
    docs = project.docs_dir.resolve()
    published = {p.resolve() for p in discover(project)}
    targets: set[Path] = set()
    for path in paths:
        if not path.exists():
            raise UsageError(f"{path} bestaat niet")
        path = path.resolve()
        if path.is_dir():
            found = {
                p.resolve() for p in path.rglob("*") if p.suffix.lower() in MARKDOWN_SUFFIXES and p.is_file()
            }
            targets.update(p for p in found if not p.is_relative_to(docs) or p in published)
        elif path.is_relative_to(docs) and path not in published:
            print(
                f"patienthub: {path} wordt niet gepubliceerd (exclude_docs) en is niet gecontroleerd",
                file=sys.stderr,
            )
        else:
            targets.add(path)
    outside = sorted(p for p in targets if not p.is_relative_to(docs))
    return targets, outside


def execute(args: argparse.Namespace) -> int:
    project = project_from(args)
    targets, outside = select(args.paths, project)
    site = load_site(project, today_from(args), extra_files=outside)
    selected = None
    if targets is not None:
        wanted = {str(p) for p in targets}
        selected = {page.path for page in site.pages if str((project.root / page.path).resolve()) in wanted}
    result = run(site, selected)
    sys.stdout.write(FORMATS[args.format](result))
    return result.exit_code
