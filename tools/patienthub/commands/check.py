"""`patienthub check`: run every check over pages and report findings (exit 0 clean, 1 errors, 2 failure)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import gitbase
from ..cache import Cache
from ..changes import affected_pages
from ..checks import REGISTRY
from ..config import Project, load_project
from ..engine import run
from ..errors import UsageError
from ..formats import FORMATS
from ..loader import MARKDOWN_SUFFIXES, discover, load_site
from ..model import Site
from ..progress import for_terminal
from .common import add_config_option, add_today_option, config_file_from, today_from


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
    project = load_project(config_file)
    targets, outside = select(args.paths, project)
    cache = None if args.no_cache else Cache.for_project(project)
    site = load_site(project, today_from(args), extra_files=outside, cache=cache)
    selected = None
    if targets is not None:
        wanted = {str(p) for p in targets}
        selected = {page.path for page in site.pages if str((project.root / page.path).resolve()) in wanted}
    if args.changed:
        selected = changed_pages(site, config_file, args.base or "HEAD", cache)
    result = run(site, selected, progress=for_terminal(), cache=cache, include_flagged=args.changed)
    if cache is not None:
        cache.save()
    sys.stdout.write(FORMATS[args.format](result))
    return result.exit_code
