"""`patienthub new`: a new page from the skeleton of its type, ready to write in."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from patienthub.adapters.commands.common import (
    add_config_option,
    add_today_option,
    config_file_from,
    project_from,
    today_from,
)
from patienthub.core.errors import UsageError
from patienthub.domain import organisations
from patienthub.domain.model import PAGE_TYPES
from patienthub.edit.newpage import NewPage, adopt_file, create, update_codeowners
from patienthub.load.config import Project


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "new",
        help="maak een nieuwe pagina",
        description="Maakt een nieuwe pagina met het vaste sjabloon voor het soort pagina. "
        "Wat u niet meegeeft, wordt gevraagd (alleen in een terminal).",
    )
    parser.add_argument("--title", help="titel van de pagina, bijvoorbeeld 'Pijn in de rug bij zwangerschap'")
    parser.add_argument("--type", choices=PAGE_TYPES, help="soort pagina")
    parser.add_argument("--owner", help="verantwoordelijke organisatie, bijvoorbeeld nhg")
    parser.add_argument("--source", action="append", default=[], help="bron (titel van richtlijn); mag vaker")
    parser.add_argument(
        "--page",
        metavar="PAD",
        type=Path,
        help="een pagina die al bestaat (bijvoorbeeld gemaakt in de webeditor): zet haar in het menu en in "
        "CODEOWNERS, zoals bij een nieuwe pagina",
    )
    add_today_option(parser)
    add_config_option(parser)
    parser.set_defaults(run=execute)


def _ask(question: str, allowed: tuple[str, ...] = ()) -> str:
    hint = f" ({', '.join(allowed)})" if allowed else ""
    while True:
        try:
            answer = input(f"{question}{hint}: ").strip()
        except EOFError:  # Ctrl-D: the editor stops answering
            print(file=sys.stderr)
            raise UsageError("gestopt: er is geen pagina gemaakt") from None
        if answer and (not allowed or answer in allowed):
            return answer
        print("Dat antwoord klopt niet; probeer het opnieuw.", file=sys.stderr)


def execute(args: argparse.Namespace) -> int:
    project = project_from(args)
    if args.page is not None:
        return _adopt(args, project)
    orgs = organisations.load(project.data_dir, project.root).entries
    interactive = sys.stdin.isatty()
    missing = [name for name in ("title", "type", "owner") if not getattr(args, name)]
    if not args.source:
        missing.append("source")
    if missing and not interactive:
        raise UsageError("ontbreekt: " + ", ".join(f"--{name}" for name in missing))
    title = args.title or _ask("Titel")
    page_type = args.type or _ask("Soort pagina", PAGE_TYPES)
    owner = args.owner or _ask("Verantwoordelijke organisatie", tuple(sorted(orgs)))
    if owner not in orgs:
        raise UsageError(
            f"organisatie '{owner}' staat niet in het register; kies uit {', '.join(sorted(orgs))}"
        )
    sources = tuple(args.source) or (_ask("Bron (titel van de richtlijn)"),)
    page = NewPage(title=title, type=page_type, owner=owner, sources=sources, today=today_from(args))
    target = create(page, project, config_file_from(args))
    relative = target.relative_to(project.root)
    print(f"Nieuwe pagina: {relative}")
    _update_codeowners(project, page.today)
    print(f"Controleer de pagina tijdens het schrijven met: patienthub check {relative}")
    print("Neem de nieuwe adressen op voordat u de pagina publiceert: patienthub urls --update")
    return 0


def _update_codeowners(project: Project, today: dt.date) -> None:
    # CODEOWNERS is generated from the pages: with the new page in it, `check` accepts the new page at once.
    if update_codeowners(project, today):
        print(
            f"Bijgewerkt: {project.config.review.codeowners_file} (wie een wijziging van de pagina goedkeurt)"
        )


def _adopt(args: argparse.Namespace, project: Project) -> int:
    """`new --page PATH`: a page that exists (the web editor wrote it) gets what `new` gives a new page."""
    path = args.page if args.page.is_absolute() else Path.cwd() / args.page
    if not path.resolve().is_file() or not path.resolve().is_relative_to(project.docs_dir.resolve()):
        raise UsageError(f"{args.page} is geen pagina in {project.docs_dir.name}/")
    done = adopt_file(path, project, config_file_from(args), today_from(args))
    if done.in_nav:
        print(f"In het menu gezet: {done.src_uri} ({project.config.new_page.nav_sections[done.page_type]})")
    else:
        print(f"{done.src_uri} staat al in het menu (of dit soort pagina heeft geen deel in het menu).")
    if done.codeowners:
        print(
            f"Bijgewerkt: {project.config.review.codeowners_file} (wie een wijziging van de pagina goedkeurt)"
        )
    print("Neem de nieuwe adressen op voordat u de pagina publiceert: patienthub urls --update")
    return 0
