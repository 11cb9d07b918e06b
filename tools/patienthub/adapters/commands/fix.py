"""`patienthub fix`: show (or, with --write, make) the terminology replacements the termbase allows.

The diff goes to stdout (a patch `git apply` accepts); what must be done by hand goes to stderr. Exit 0 when it
ran, 1 when a page could not be fixed safely, 2 on usage or configuration errors."""

from __future__ import annotations

import argparse
import sys

from patienthub.adapters.commands.common import (
    add_config_option,
    add_paths_argument,
    add_today_option,
    load_selection,
    project_from,
)
from patienthub.checks import terminology
from patienthub.edit import fixes
from patienthub.engine.runner import run


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "fix",
        help="vervang vermeden woorden door de voorkeursterm",
        description="Toont als diff welke vermeden woorden automatisch vervangen kunnen worden door het woord uit "
        "de termenlijst. Met --write worden de pagina's echt aangepast. Alleen vervangingen die de termenlijst "
        "toestaat (fix:), nooit in code, adressen, citaten of verwijzingen.",
    )
    add_paths_argument(parser)
    parser.add_argument("--write", action="store_true", help="pas de pagina's echt aan")
    add_today_option(parser)
    add_config_option(parser)
    parser.set_defaults(run=execute)


def execute(args: argparse.Namespace) -> int:
    project = project_from(args)
    site, selected = load_selection(args, project)
    pages = tuple(p for p in site.pages if selected is None or p.path in selected)
    # The same filter stage as `check`: a suppressed, exempted or switched-off finding is not fixed.
    result = run(site, {p.path for p in pages}, checks=(terminology.CHECK,))
    plans = [fixes.plan(page, site, result.for_path(page.path)) for page in pages]
    replaced = 0
    for plan in plans:
        if not plan.edits:
            continue
        replaced += len(plan.edits)
        if args.write:
            path = project.root / plan.page.path
            path.write_bytes(fixes.rewrite(path.read_bytes(), plan.edits))
            print(f"Aangepast: {plan.page.path} ({len(plan.edits)} vervanging(en))")
        else:
            sys.stdout.write(plan.diff())
    manual = [f for plan in plans for f in plan.manual]
    for f in manual:
        print(f"Zelf aanpassen: {f.path}:{f.line or 1}: {f.message}", file=sys.stderr)
    unsafe = [plan.page.path for plan in plans if plan.unsafe]
    for path in unsafe:
        print(f"patienthub: {path} is niet aangepast: de vervangingen bleken niet veilig.", file=sys.stderr)
    done = "aangebracht" if args.write else "mogelijk"
    hint = (
        "" if args.write or not replaced else " Voer dezelfde opdracht uit met --write om ze aan te brengen."
    )
    print(
        f"{replaced} vervanging(en) {done}; {len(manual)} plek(ken) om zelf aan te passen.{hint}",
        file=sys.stderr,
    )
    return 1 if unsafe else 0
