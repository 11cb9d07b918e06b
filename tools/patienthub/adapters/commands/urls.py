"""`patienthub urls`: compare the published addresses with the committed manifest; `--update` rewrites it."""

from __future__ import annotations

import argparse
import sys

from patienthub.adapters.commands.common import add_config_option, add_today_option, project_from, today_from
from patienthub.core.errors import UsageError
from patienthub.load import urls
from patienthub.load.loader import load_site
from patienthub.text.datafiles import relative


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "urls",
        help="toon of werk de lijst van gepubliceerde adressen bij",
        description="Vergelijkt de adressen die de site publiceert met de vastgelegde lijst (hub.manifest). "
        "Met --update wordt de lijst bewust bijgewerkt: nieuwe adressen erbij, verdwenen adressen eraf.",
    )
    parser.add_argument("--update", action="store_true", help="schrijf de lijst opnieuw")
    add_today_option(parser)
    add_config_option(parser)
    parser.set_defaults(run=execute)


def execute(args: argparse.Namespace) -> int:
    site = load_site(project_from(args), today_from(args))
    path = urls.manifest_path(site)
    shown = relative(path, site.project.root)
    try:
        manifest = urls.read_manifest(path)
    except (OSError, UnicodeDecodeError) as exc:
        if not args.update:
            raise UsageError(f"kan {shown} niet lezen ({exc})") from exc
        manifest = None  # --update replaces an unreadable list when it can
    before = manifest.urls if manifest else set()
    now = {item.url for item in urls.published(site)}
    for url in sorted(now - before):
        print(f"+ /{url}")
    for url in sorted(before - now):
        print(f"- /{url}")
    if not args.update:
        unchanged = manifest is not None and before == now
        print(
            f"{shown} is bij."
            if unchanged
            else f"{shown} is niet bij; werk bij met: patienthub urls --update"
        )
        return 0
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(urls.render_manifest(site), encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"kan {shown} niet schrijven ({exc.strerror or exc})") from exc
    print(f"{shown} bijgewerkt: {len(now)} adressen.", file=sys.stderr)
    return 0
