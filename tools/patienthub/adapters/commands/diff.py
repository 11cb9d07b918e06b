"""`patienthub diff --base REF`: what a change does to the pages, as Markdown for a job summary or PR comment.

The base revision's files are exported from git into a temporary folder and checked by the same core as the
working tree. Exit 0 when the report was written (it reports, the `check` job gates), 2 on a usage failure.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

from patienthub.adapters.commands.common import (
    CONFIG_NAME,
    add_config_option,
    add_today_option,
    project_from,
    today_from,
)
from patienthub.core.errors import ConfigError
from patienthub.domain.result import Result
from patienthub.engine.runner import run
from patienthub.load import gitbase
from patienthub.load.cache import Cache
from patienthub.load.config import Project, load_project
from patienthub.load.loader import load_site
from patienthub.reports import prdiff


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "diff",
        help="vergelijk de pagina's met een eerdere versie (voor een pull request)",
        description=(
            "Toont voor elke pagina die sinds REF is gewijzigd de bevindingen en metingen voor en na, als "
            "Markdown (voor de samenvatting van een GitHub-job of een reactie op een pull request). Nieuwe "
            "bevindingen op gewijzigde regels staan bovenaan."
        ),
    )
    parser.add_argument(
        "--base", required=True, metavar="REF", help="git-commit of -tak om mee te vergelijken"
    )
    add_today_option(parser)
    add_config_option(parser)
    parser.set_defaults(run=execute)


def _base_project(current: Project, base_root: Path, config_name: str) -> tuple[Project | None, str]:
    """The project as it was at the base revision: its own mkdocs.yml when the current code can read it, else
    the current configuration on the base files. None when the project did not exist yet."""
    docs = base_root / current.docs_dir.relative_to(current.root)
    config_file = base_root / config_name
    if not config_file.is_file():
        return (replace(current, root=base_root, docs_dir=docs), "") if docs.is_dir() else (None, "")
    try:
        return load_project(config_file), ""
    except ConfigError as exc:
        note = f"De instellingen van de basisversie zijn niet te lezen ({exc}); de huidige instellingen zijn gebruikt."
        return replace(current, root=base_root, docs_dir=docs), note


def execute(args: argparse.Namespace) -> int:
    project = project_from(args)
    today = today_from(args)
    top = gitbase.toplevel(project.root)
    under = project.root.resolve().relative_to(top).as_posix()
    under = "" if under == "." else under
    commit = gitbase.commit_of(top, args.base)
    changed_in_repo = gitbase.changed_files(top, commit, under)
    prefix = f"{under}/" if under else ""
    changed = {name[len(prefix) :] for name in changed_in_repo}
    cache = Cache.for_project(project)  # the working tree is what `check` just checked: reuse its results
    after = run(load_site(project, today, cache=cache), cache=cache)
    if cache is not None:
        cache.save()
    with tempfile.TemporaryDirectory(prefix="patienthub-base-") as folder:
        base_root = gitbase.export(top, commit, under, Path(folder))
        config_name = args.config.name if args.config else CONFIG_NAME
        base_project, note = _base_project(project, base_root, config_name)
        before: Result | None = run(load_site(base_project, today)) if base_project else None
    lines = {
        report.page.path: gitbase.changed_lines(top, commit, prefix + report.page.path)
        for report in after.pages
        if report.page.path in changed
    }
    label = args.base if args.base.startswith(commit[:7]) else f"{args.base} ({commit[:7]})"
    comparison = prdiff.compare(before, after, changed, lines, label)
    text = prdiff.markdown(comparison)
    if note:
        text += f"\n> {note}\n"
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0
