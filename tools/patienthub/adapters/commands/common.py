"""Options and set-up shared by the subcommands."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from patienthub.core import dates
from patienthub.core.dates import parse_iso
from patienthub.core.errors import ConfigError, UsageError
from patienthub.domain.model import Site
from patienthub.load.cache import Cache
from patienthub.load.config import Project, load_project
from patienthub.load.files import MARKDOWN_SUFFIXES, discover
from patienthub.load.loader import load_site

CONFIG_NAME = "mkdocs.yml"


def add_config_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--config",
        metavar="BESTAND",
        type=Path,
        help="mkdocs.yml met de instellingen onder plugins → patienthub (standaard: zoeken vanaf de huidige map)",
    )


def jobs_count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"verwacht een geheel getal van 1 of meer, niet {text!r}")
    return value


def add_jobs_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-j",
        "--jobs",
        metavar="N",
        type=jobs_count,
        help="controleer pagina's met N processen tegelijk (standaard: alle processorkernen; 1 = na elkaar)",
    )


def add_today_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--today",
        metavar="JJJJ-MM-DD",
        help="doe alsof het vandaag deze datum is (voor tests en reproduceerbare CI)",
    )


def find_config(start: Path) -> Path:
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
    raise UsageError(f"geen {CONFIG_NAME} gevonden in {start} of een map daarboven; geef --config op")


def config_file_from(args: argparse.Namespace) -> Path:
    config_file = args.config or find_config(Path.cwd())
    if not config_file.is_file():
        raise UsageError(f"het instellingenbestand {config_file} bestaat niet")
    return config_file


def project_from(args: argparse.Namespace) -> Project:
    return project_at(config_file_from(args))


def project_at(config_file: Path) -> Project:
    """The project of `config_file`; a docs_dir that does not exist is a configuration error (exit 2), not an
    empty site that passes every check."""
    project = load_project(config_file)
    if not project.docs_dir.is_dir():
        raise ConfigError(f"{config_file}: de map met pagina's (docs_dir) {project.docs_dir} bestaat niet")
    return project


def today_from(args: argparse.Namespace) -> dt.date:
    if not getattr(args, "today", None):  # the date the build judges by too (PATIENTHUB_TODAY), else today
        try:
            return dates.run_date()
        except ValueError as exc:
            raise UsageError(str(exc)) from exc
    try:
        return parse_iso(args.today)
    except ValueError as exc:
        raise UsageError(f"--today {args.today!r} is geen datum in de vorm JJJJ-MM-DD") from exc


def add_paths_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths", nargs="*", metavar="PAD", type=Path, help="bestanden of mappen (standaard: content/)"
    )


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


def load_selection(
    args: argparse.Namespace, project: Project, cache: Cache | None = None
) -> tuple[Site, set[str] | None]:
    """The site (with any named files outside docs_dir) and the page paths the PATH arguments select
    (None: every page)."""
    targets, outside = select(args.paths, project)
    site = load_site(project, today_from(args), extra_files=outside, cache=cache)
    if targets is None:
        return site, None
    wanted = {str(p) for p in targets}
    return site, {page.path for page in site.pages if str((project.root / page.path).resolve()) in wanted}
