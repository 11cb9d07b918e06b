"""`patienthub review PAGE... --by ORG [--date YYYY-MM-DD]`: record an expert review in the pages' front matter.

All pages are stamped or none: a page that cannot be changed safely stops the command before anything is
written (exit 2). The status is never changed: approving a page stays a decision made by hand.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from patienthub.adapters.commands.common import add_config_option, add_today_option, project_from, today_from
from patienthub.core.dates import parse_iso
from patienthub.core.errors import UsageError
from patienthub.domain import organisations
from patienthub.edit.stamp import Stamp, StampError, apply


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "review",
        help="leg vast dat een organisatie pagina's heeft gecontroleerd",
        description=(
            "Zet last_reviewed op de datum van de controle, berekent next_review opnieuw (als die er staat) en "
            "voegt de organisatie toe aan reviewed_by. De rest van elk bestand blijft precies zoals het was."
        ),
    )
    parser.add_argument("pages", nargs="+", metavar="PAGINA", type=Path, help="de gecontroleerde pagina's")
    parser.add_argument(
        "--by", required=True, metavar="ORGANISATIE", help="sleutel uit organisations.yml, bv. nhg"
    )
    parser.add_argument("--date", metavar="JJJJ-MM-DD", help="datum van de controle (standaard: vandaag)")
    add_today_option(parser)
    add_config_option(parser)
    parser.set_defaults(run=execute)


def execute(args: argparse.Namespace) -> int:
    project = project_from(args)
    today = today_from(args)
    day = _review_date(args.date, today)
    registry = organisations.load(project.data_dir, project.root).entries
    if args.by not in registry:
        known = ", ".join(sorted(registry)) or "geen (het register ontbreekt of bevat fouten)"
        raise UsageError(
            f"--by {args.by!r} staat niet in het register van organisaties; bekend zijn: {known}"
        )
    if not registry[args.by].approves:
        print(
            f"Let op: {registry[args.by].short_name} mag niet goedkeuren (approves: false). Deze controle telt "
            "niet als controle door een vereniging van zorgverleners of patiënten.",
            file=sys.stderr,
        )
    stamp = Stamp(args.by, day, project.config.freshness.review_interval_months)
    stamped: list[tuple[Path, bytes, bytes]] = []
    for path in args.pages:
        if not path.is_file():
            raise UsageError(f"{path} bestaat niet of is geen bestand")
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8")
            new = apply(text, stamp).encode("utf-8")
        except UnicodeDecodeError as exc:
            raise UsageError(f"{path}: geen geldige UTF-8-tekst; niets aangepast") from exc
        except StampError as exc:
            raise UsageError(f"{path}: {exc}; niets aangepast") from exc
        stamped.append((path, raw, new))
    for path, raw, new in stamped:
        if new == raw:
            print(f"{path}: al gecontroleerd door {args.by} op {day.isoformat()}")
            continue
        path.write_bytes(new)
        print(f"{path}: gecontroleerd door {args.by} op {day.isoformat()}")
    return 0


def _review_date(text: str | None, today: dt.date) -> dt.date:
    if text is None:
        return today
    try:
        day = parse_iso(text)
    except ValueError as exc:
        raise UsageError(f"--date {text!r} is geen datum in de vorm JJJJ-MM-DD") from exc
    if day > today:
        raise UsageError(
            f"--date {text} ligt na vandaag ({today.isoformat()}); een controle kan niet in de toekomst"
        )
    return day
