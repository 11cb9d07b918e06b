"""`patienthub codeowners`: write CODEOWNERS from the owners of the pages (exit 0 written, 1 registry broken)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from patienthub.adapters.commands.common import add_config_option, project_from
from patienthub.core.errors import UsageError
from patienthub.domain import organisations
from patienthub.load import codeowners
from patienthub.load.loader import load_site
from patienthub.reports.formats import text_line


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "codeowners",
        help="schrijf CODEOWNERS uit de eigenaars van de pagina's",
        description=(
            "Schrijft het CODEOWNERS-bestand (standaard .github/CODEOWNERS) zo dat elke pagina moet worden "
            "goedgekeurd door het GitHub-team van haar eigenaar. Pagina's van een eigenaar zonder team gaan naar "
            "het beheerteam (review.maintainers_team)."
        ),
    )
    add_config_option(parser)
    parser.set_defaults(run=execute)


def execute(args: argparse.Namespace) -> int:
    project = project_from(args)
    target = codeowners.path_of(project)
    if target is None:
        raise UsageError(
            "review.codeowners_file staat op null in mkdocs.yml: patienthub beheert CODEOWNERS hier niet"
        )
    site = load_site(project, dt.date.today())
    broken = [f for f in site.data_findings if f.path.endswith(organisations.FILE_NAME)]
    if broken:
        for problem in broken:
            print(text_line(problem), file=sys.stderr)
        print(
            "patienthub: CODEOWNERS niet geschreven; herstel eerst het register van organisaties.",
            file=sys.stderr,
        )
        return 1
    for page in site.pages:
        if codeowners.team_for(page, site) == project.config.review.maintainers_team:
            print(
                f"{page.path}: eigenaar '{page.meta.owner}' heeft geen github_team; het beheerteam keurt goed."
            )
    text = codeowners.render(site)
    if site.codeowners is not None and site.codeowners == text:
        print(f"{project.config.review.codeowners_file} is al actueel.")
        return 0
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8", newline="\n")
    print(f"{project.config.review.codeowners_file} geschreven ({len(site.pages)} pagina's).")
    return 0
