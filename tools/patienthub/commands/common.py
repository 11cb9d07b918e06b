"""Options and set-up shared by the subcommands."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from ..config import Project, load_project
from ..dates import parse_iso
from ..errors import UsageError

CONFIG_NAME = "mkdocs.yml"


def add_config_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--config",
        metavar="BESTAND",
        type=Path,
        help="mkdocs.yml met de instellingen onder plugins → patienthub (standaard: zoeken vanaf de huidige map)",
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
    return load_project(config_file_from(args))


def today_from(args: argparse.Namespace) -> dt.date:
    if not getattr(args, "today", None):
        return dt.date.today()
    try:
        return parse_iso(args.today)
    except ValueError as exc:
        raise UsageError(f"--today {args.today!r} is geen datum in de vorm JJJJ-MM-DD") from exc
