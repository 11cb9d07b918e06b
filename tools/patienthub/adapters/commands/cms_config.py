"""`patienthub cms-config`: write the web editor's configuration from the schemas and registries (exit 0 written or
up to date, 1 with --check when it is out of date or a registry is broken)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from patienthub.adapters.commands.common import add_config_option, project_from
from patienthub.build import cms_config
from patienthub.core.errors import UsageError
from patienthub.domain import guidelines, organisations
from patienthub.load.loader import load_site
from patienthub.reports.formats import text_line


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "cms-config",
        help="schrijf de instellingen van de webeditor uit de schema's",
        description=(
            "Schrijft de instellingen van de webeditor (Decap CMS, standaard cms/config.yml) uit het schema van de "
            "gegevens bovenaan een pagina, de organisaties en de bronnen. Zo vraagt de webeditor precies wat "
            "patienthub check controleert. Draai deze opdracht na een wijziging in organisations.yml of "
            "sources.yml."
        ),
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="schrijf niets; stop met code 1 als het bestand niet meer klopt met de schema's en registers",
    )
    add_config_option(parser)
    parser.set_defaults(run=execute)


def execute(args: argparse.Namespace) -> int:
    project = project_from(args)
    name = project.config.web_editor.config_file
    if name is None:
        raise UsageError("web_editor.config_file staat op null in mkdocs.yml: er is hier geen webeditor")
    site = load_site(project, dt.date.today())
    registries = (organisations.FILE_NAME, guidelines.FILE_NAME)
    broken = [f for f in site.data_findings if f.path.endswith(registries)]
    if broken:
        for problem in broken:
            print(text_line(problem), file=sys.stderr)
        print("patienthub: instellingen niet geschreven; herstel eerst de registers.", file=sys.stderr)
        return 1
    target = project.root / name
    text = cms_config.render(site)
    current = target.read_text(encoding="utf-8") if target.is_file() else None
    if current == text:
        print(f"{name} is al actueel.")
        return 0
    if args.check:
        print(f"{name} klopt niet meer met de schema's en registers; draai: patienthub cms-config")
        return 1
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8", newline="\n")
    print(f"{name} geschreven ({len(cms_config.config(site)['collections'])} soorten pagina's).")
    return 0
